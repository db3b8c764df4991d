/**
 * Reads a `.safetensors` file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the raw little-endian data. Only float32 is needed for the encoders we export.
 */
export interface SafeTensor {
  dims: number[];
  /** Row-major float32 values (a copy, so it is aligned and owns its memory). */
  data: Float32Array;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function readSafetensors(file: Uint8Array): Map<string, SafeTensor> {
  const buffer = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buffer.length < 8) throw new Error('safetensors: file shorter than its header length');
  const headerLength = Number(buffer.readBigUInt64LE(0));
  if (8 + headerLength > buffer.length) throw new Error('safetensors: header runs past the end of the file');
  const header = JSON.parse(buffer.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, HeaderEntry>;
  const body = 8 + headerLength;
  const tensors = new Map<string, SafeTensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__' || entry.dtype !== 'F32') continue;
    const [start, end] = entry.data_offsets;
    const count = entry.shape.reduce((a, b) => a * b, 1);
    if (end - start !== count * 4 || body + end > buffer.length) throw new Error(`safetensors: bad byte range for ${name}`);
    const bytes = new Uint8Array(buffer.subarray(body + start, body + end));
    tensors.set(name, { dims: entry.shape, data: new Float32Array(bytes.buffer) });
  }
  return tensors;
}
