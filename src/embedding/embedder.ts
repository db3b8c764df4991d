/** The one contract every sentence encoder meets. Retrieval and the index only ever see this. */
export interface Embedder {
  /** Identifier recorded in the index manifest; an index built by another model is refused. */
  readonly model: string;
  readonly dimensions: number;
  /** One L2-normalised vector per text, in order. Texts must be non-empty. */
  embed(texts: string[]): Promise<number[][]>;
  /** Releases native sessions (onnxruntime, TF.js). */
  close(): Promise<void>;
}
