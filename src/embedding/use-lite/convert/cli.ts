/** `npx tsx src/embedding/use-lite/convert/cli.ts out.onnx [--int8 [--only=<regex>]]`: writes the converted model. */
import { writeFile } from 'node:fs/promises';
import { convertUseLiteToOnnx } from './convert.js';

const target = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'use-lite.onnx';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const t0 = performance.now();
const bytes = await convertUseLiteToOnnx(process.argv.includes('--int8') ? { quantize: 'int8', ...(only ? { quantizeOnly: new RegExp(only) } : {}) } : {});
await writeFile(target, bytes);
console.log(`wrote ${target} (${bytes.length} bytes) in ${(performance.now() - t0).toFixed(0)} ms`);
