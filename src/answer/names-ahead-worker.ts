/** The worker of `tag-ahead.ts`: tags each batch of sentences it is sent and returns their spans packed. */
import { parentPort } from 'node:worker_threads';
import { taggedSpans } from './answer-types.js';
import { packSpans } from './names-ahead.js';

parentPort!.on('message', (sentences: string[]) => {
  const packed = packSpans(sentences.map((sentence) => taggedSpans(sentence)));
  parentPort!.postMessage(packed, [packed.buffer as ArrayBuffer]);
});
