/**
 * A tiny BERT (seeded random weights, a six-word vocabulary) written the way a wheel ships one: safetensors,
 * config.json and a WordPiece tokenizer.json. Plus an independent forward pass in plain JS (float64) to check the
 * ONNX export against.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rng } from './random.js';

export const TINY_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'alpha', 'beta', 'gamma', 'delta', 'news', 'tram'];
export const TINY_CONFIG = {
  model_type: 'bert',
  architectures: ['BertModel'],
  hidden_size: 8,
  num_attention_heads: 2,
  num_hidden_layers: 2,
  intermediate_size: 16,
  max_position_embeddings: 16,
  type_vocab_size: 2,
  vocab_size: TINY_VOCAB.length,
  layer_norm_eps: 1e-12,
  hidden_act: 'gelu',
  pad_token_id: 0,
};

type Weights = Map<string, { dims: number[]; data: Float32Array }>;

export function tinyBertWeights(seed = 7): Weights {
  const random = rng(seed);
  const weights: Weights = new Map();
  const add = (name: string, dims: number[], around = 0, spread = 0.5) => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).map(() => around + (random() * 2 - 1) * spread);
    weights.set(name, { dims, data });
  };
  const { hidden_size: h, intermediate_size: f, num_hidden_layers: layers } = TINY_CONFIG;
  add('embeddings.word_embeddings.weight', [TINY_VOCAB.length, h]);
  add('embeddings.position_embeddings.weight', [TINY_CONFIG.max_position_embeddings, h]);
  add('embeddings.token_type_embeddings.weight', [2, h]);
  const norm = (name: string) => (add(`${name}.weight`, [h], 1, 0.1), add(`${name}.bias`, [h], 0, 0.1));
  const linear = (name: string, out: number, inp: number) => (add(`${name}.weight`, [out, inp]), add(`${name}.bias`, [out], 0, 0.1));
  norm('embeddings.LayerNorm');
  for (let l = 0; l < layers; l++) {
    const at = `encoder.layer.${l}`;
    for (const p of ['query', 'key', 'value']) linear(`${at}.attention.self.${p}`, h, h);
    linear(`${at}.attention.output.dense`, h, h);
    norm(`${at}.attention.output.LayerNorm`);
    linear(`${at}.intermediate.dense`, f, h);
    linear(`${at}.output.dense`, h, f);
    norm(`${at}.output.LayerNorm`);
  }
  return weights;
}

export function encodeSafetensors(weights: Weights): Buffer {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, t] of weights) {
    header[name] = { dtype: 'F32', shape: t.dims, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, ...[...weights.values()].map((t) => Buffer.from(t.data.buffer))]);
}

export function tinyTokenizerJson(): unknown {
  const special = (content: string, id: number) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: TINY_VOCAB.slice(0, 4).map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(TINY_VOCAB.map((w, i) => [w, i])) },
  };
}

/** Lays the tiny model out as a wheel's `model/` folder would (what a folder recipe copies from). */
export function writeTinyWheelDir(dir: string, weights = tinyBertWeights()): void {
  fs.mkdirSync(path.join(dir, 'model'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'model', 'model.safetensors'), encodeSafetensors(weights));
  fs.writeFileSync(path.join(dir, 'model', 'config.json'), JSON.stringify(TINY_CONFIG));
  fs.writeFileSync(path.join(dir, 'model', 'tokenizer.json'), JSON.stringify(tinyTokenizerJson()));
  fs.writeFileSync(
    path.join(dir, 'model', 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 16, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]' }),
  );
}

/** erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** BERT forward pass for one sequence of token ids, mean-pooled and L2-normalised, as sentence-transformers does. */
export function referenceEmbedding(weights: Weights, ids: number[]): number[] {
  const { hidden_size: h, num_attention_heads: heads, num_hidden_layers: layers } = TINY_CONFIG;
  const w = (name: string) => weights.get(name)!.data;
  const headSize = h / heads;
  const norm = (x: number[], name: string) => {
    const mean = x.reduce((a, b) => a + b, 0) / h;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / h;
    return x.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-12)) * w(`${name}.weight`)[i]! + w(`${name}.bias`)[i]!);
  };
  const linear = (x: number[], name: string) => {
    const weight = w(`${name}.weight`);
    const bias = w(`${name}.bias`);
    return Array.from(bias, (b, o) => x.reduce((sum, v, i) => sum + v * weight[o * x.length + i]!, b));
  };
  let states = ids.map((id, p) =>
    norm(Array.from({ length: h }, (_, k) => w('embeddings.word_embeddings.weight')[id * h + k]! + w('embeddings.position_embeddings.weight')[p * h + k]! + w('embeddings.token_type_embeddings.weight')[k]!), 'embeddings.LayerNorm'),
  );
  for (let l = 0; l < layers; l++) {
    const at = `encoder.layer.${l}`;
    const [q, k, v] = ['query', 'key', 'value'].map((p) => states.map((x) => linear(x, `${at}.attention.self.${p}`)));
    const context = states.map((_, i) => {
      const out = new Array<number>(h).fill(0);
      for (let hd = 0; hd < heads; hd++) {
        const slice = (x: number[]) => x.slice(hd * headSize, (hd + 1) * headSize);
        const scores = k!.map((kj) => slice(q![i]!).reduce((s, qv, d) => s + qv * slice(kj)[d]!, 0) / Math.sqrt(headSize));
        const max = Math.max(...scores);
        const exps = scores.map((s) => Math.exp(s - max));
        const total = exps.reduce((a, b) => a + b, 0);
        exps.forEach((e, j) => slice(v![j]!).forEach((vv, d) => (out[hd * headSize + d]! += (e / total) * vv)));
      }
      return out;
    });
    states = states.map((x, i) => norm(linear(context[i]!, `${at}.attention.output.dense`).map((y, d) => y + x[d]!), `${at}.attention.output.LayerNorm`));
    states = states.map((x) => {
      const inner = linear(x, `${at}.intermediate.dense`).map((y) => 0.5 * y * (1 + erf(y / Math.SQRT2)));
      return norm(linear(inner, `${at}.output.dense`).map((y, d) => y + x[d]!), `${at}.output.LayerNorm`);
    });
  }
  const mean = Array.from({ length: h }, (_, d) => states.reduce((s, x) => s + x[d]!, 0) / states.length);
  const length = Math.hypot(...mean);
  return mean.map((x) => x / length);
}
