/**
 * The thread behind `BackgroundGraphBuild`: fills one HNSW graph with the points it is sent, in the order sent, and
 * writes it to the file it is given. Any failure is thrown, which the owner sees as the worker's `error` event.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VectorIndex } from './vector-index.js';
import type { GraphBuildMessage } from './graph-build.js';

const { dimensions, capacity } = workerData as { dimensions: number; capacity: number };
const graph = VectorIndex.empty(dimensions, capacity);

parentPort!.on('message', (message: GraphBuildMessage) => {
  if (message.type === 'add') {
    const { labels, rows } = message;
    for (let i = 0; i < labels.length; i++) graph.add(rows.subarray(i * dimensions, (i + 1) * dimensions), labels[i]!);
    return;
  }
  graph.write(message.file);
  parentPort!.postMessage({ type: 'written', size: graph.size });
});
