/** The real bot over the seed article against the local stand-in, shared by the Discord integration tests. */
import { afterAll, beforeAll } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { removeTempDirs, seedCorpus, tempDir } from '../robustness/support.js';
import { startHarness, type Harness } from './discord-harness.js';

/** Starts the bot before the file's tests and closes it after; read `h` and `service` inside tests. */
export function seedBotForFile(): { readonly h: Harness; readonly service: QaService } {
  let embedder: Embedder | undefined;
  let service: QaService | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    embedder = await createEmbedder(DEFAULT_MODEL);
    service = await createQaService({ articlesDir: seedCorpus(), indexDir: tempDir('index'), embedder });
    h = await startHarness({ service });
  });
  afterAll(async () => {
    await h?.close();
    await service?.close();
    await embedder?.close();
    removeTempDirs();
  });
  return {
    get h() {
      return h!;
    },
    get service() {
      return service!;
    },
  };
}
