/**
 * Builds (once) the transformers.js model folder for USE-lite from the installed weights package:
 *
 *   <project>/.models/use-lite-<weights version>/
 *     onnx/model.onnx          the converted graph (convert/convert.ts), float32
 *     onnx/model_quantized.onnx  the same with int8 Transformer layers (transformers.js dtype 'q8')
 *     config.json              lets AutoModel load the folder
 *     tokenizer.json           HF Unigram approximation of the reference tokenizer (ties may differ)
 *     tokenizer_config.json
 *     use_lite_vocab.json      the reference vocabulary ([piece, score] pairs) for the exact tokenizer
 *     footnote-stamp.json      what built it; a different weights/converter version triggers a rebuild
 *
 * Written into a temporary sibling folder and renamed into place, so a crash never leaves a half model.
 * Nothing is downloaded.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { USE_LITE_CONVERTER_VERSION, USE_LITE_DIMENSIONS, USE_LITE_WEIGHTS_PACKAGE, useLiteWeightsDir } from './constants.js';
import { USE_LITE_MAX_TOKENS, USE_LITE_RESERVED_IDS, type UseLiteVocabulary } from './tokenizer.js';

export const USE_LITE_STAMP_FILE = 'footnote-stamp.json';
export const USE_LITE_VOCAB_FILE = 'use_lite_vocab.json';
export const USE_LITE_ONNX_FILE = path.join('onnx', 'model.onnx');
export const USE_LITE_ONNX_Q8_FILE = path.join('onnx', 'model_quantized.onnx');

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface UseLiteStamp {
  weightsPackage: string;
  weightsVersion: string;
  converterVersion: string;
}

export interface EnsureUseLiteOptions {
  /** Parent folder for model folders (default `<project>/.models`). */
  modelsDir?: string;
  /** Folder with model.json, shards and vocab.json (default: the installed weights package). */
  weightsDir?: string;
}

export async function useLiteWeightsVersion(weightsDir = useLiteWeightsDir()): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(weightsDir, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function readStamp(dir: string): Promise<UseLiteStamp | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, USE_LITE_STAMP_FILE), 'utf8')) as UseLiteStamp;
  } catch {
    return null;
  }
}

async function isComplete(dir: string, expected: UseLiteStamp): Promise<boolean> {
  const stamp = await readStamp(dir);
  if (
    !stamp ||
    stamp.weightsPackage !== expected.weightsPackage ||
    stamp.weightsVersion !== expected.weightsVersion ||
    stamp.converterVersion !== expected.converterVersion
  )
    return false;
  for (const f of [USE_LITE_ONNX_FILE, USE_LITE_ONNX_Q8_FILE, 'config.json', 'tokenizer.json', 'tokenizer_config.json', USE_LITE_VOCAB_FILE]) {
    try {
      await stat(path.join(dir, f));
    } catch {
      return false;
    }
  }
  return true;
}

/** A Hugging Face `tokenizer.json` (Unigram) mirroring the reference as closely as the format allows. */
export function buildHfTokenizerJson(vocabulary: UseLiteVocabulary): unknown {
  // Reserved entries are never produced by the reference's matcher: make them unattractive for Unigram.
  const vocab = vocabulary.map(([piece, score], id) => [piece, id < USE_LITE_RESERVED_IDS ? -1e6 : score]);
  return {
    version: '1.0',
    truncation: { direction: 'Right', max_length: USE_LITE_MAX_TOKENS, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Prepend', prepend: '\u2581' },
        { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' },
      ],
    },
    pre_tokenizer: null,
    post_processor: null,
    decoder: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: 0, vocab, byte_fallback: false },
  };
}

async function buildInto(dir: string, weightsDir: string, stamp: UseLiteStamp): Promise<void> {
  // Loaded only here: a start with a complete model folder never loads the converter.
  const { convertUseLiteToOnnx } = await import('./convert/convert.js');
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  await writeFile(path.join(dir, USE_LITE_ONNX_FILE), await convertUseLiteToOnnx({ weightsDir }));
  await writeFile(path.join(dir, USE_LITE_ONNX_Q8_FILE), await convertUseLiteToOnnx({ weightsDir, quantize: 'int8' }));
  const vocabulary = JSON.parse(await readFile(path.join(weightsDir, 'vocab.json'), 'utf8')) as UseLiteVocabulary;
  await copyFile(path.join(weightsDir, 'vocab.json'), path.join(dir, USE_LITE_VOCAB_FILE));
  await writeFile(path.join(dir, 'tokenizer.json'), JSON.stringify(buildHfTokenizerJson(vocabulary)));
  await writeFile(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify(
      {
        tokenizer_class: 'PreTrainedTokenizer',
        model_max_length: USE_LITE_MAX_TOKENS,
        unk_token: '\uFFFD',
        pad_token: '\uFFFD',
        padding_side: 'right',
        add_bos_token: false,
        add_eos_token: false,
        clean_up_tokenization_spaces: false,
      },
      null,
      2,
    ),
  );
  await writeFile(
    path.join(dir, 'config.json'),
    JSON.stringify(
      {
        // An encoder-only graph fed `input_ids` + `attention_mask`; "bert" makes transformers.js use its plain
        // encoder forward (feeds exactly the session's inputs). The graph itself is USE-lite, not BERT.
        model_type: 'bert',
        architectures: ['UseLiteModel'],
        hidden_size: USE_LITE_DIMENSIONS,
        max_position_embeddings: USE_LITE_MAX_TOKENS,
        vocab_size: vocabulary.length,
        pad_token_id: 0,
        'transformers.js_config': { dtype: 'fp32' },
        footnote: { ...stamp, output: 'sentence_embedding', note: 'use src/embedding/use-lite/tokenizer.ts for exact ids' },
      },
      null,
      2,
    ),
  );
  // The stamp is written last: its presence marks a complete folder.
  await writeFile(path.join(dir, USE_LITE_STAMP_FILE), JSON.stringify(stamp, null, 2));
}

/**
 * Returns the model folder, building it first when it is missing, incomplete, or was built from another
 * weights-package or converter version.
 */
export async function ensureUseLiteModel(options: EnsureUseLiteOptions = {}): Promise<string> {
  const weightsDir = options.weightsDir ?? useLiteWeightsDir();
  const modelsDir = options.modelsDir ?? path.join(PROJECT_ROOT, '.models');
  const weightsVersion = await useLiteWeightsVersion(weightsDir);
  const stamp: UseLiteStamp = {
    weightsPackage: USE_LITE_WEIGHTS_PACKAGE,
    weightsVersion,
    converterVersion: USE_LITE_CONVERTER_VERSION,
  };
  const target = path.join(modelsDir, `use-lite-${weightsVersion}`);
  if (await isComplete(target, stamp)) return target;

  await mkdir(modelsDir, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = path.join(modelsDir, `.use-lite-${weightsVersion}.tmp-${suffix}`);
  try {
    await buildInto(temp, weightsDir, stamp);
    // Another process may have finished while this one built: never move its complete folder from under its readers.
    if (await isComplete(target, stamp)) return target;
    // Move a stale folder out of the way (rename is atomic; deleting it can happen afterwards).
    const stale = path.join(modelsDir, `.use-lite-${weightsVersion}.old-${suffix}`);
    let movedStale = false;
    try {
      await rename(target, stale);
      movedStale = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      await rename(temp, target);
    } catch (err) {
      // Another process may have finished first; accept its folder if it is complete.
      if (await isComplete(target, stamp)) return target;
      throw err;
    } finally {
      if (movedStale) await rm(stale, { recursive: true, force: true });
    }
    return target;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
