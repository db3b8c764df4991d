import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinedModelId, createSecondOpinion } from '../../src/answer/second-opinion.js';
import { rescorePassages } from '../../src/answer/rescore.js';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { USE_LITE_MODEL_ID } from '../../src/embedding/use-lite-embedder.js';
import { USE_LITE_TFJS_MODEL_ID } from '../../src/embedding/use-lite-tfjs-embedder.js';
import { createQaService } from '../../src/qa-service.js';
import { openSecondOpinion } from '../../src/service/open-second-opinion.js';
import type { Passage, ScoredPassage } from '../../src/types.js';
import { tempSeedArticles } from '../support/articles.js';

const SENTENCES = [
  'Russia’s delegation will be led by presidential aide Vladimir Medinsky.',
  'Around 200 journalists waited outside the palace.',
  'The tram line will open next spring.',
];

function scored(text: string, i: number): ScoredPassage {
  const passage: Passage = { article: 'a', id: `${i + 1}.1`, paragraph: i + 1, sentence: 1, text, start: 0, end: text.length };
  return { passage, score: 0.5, dense: 0.5, lexical: 0, coverage: 0, highlights: [] };
}

/** The real encoder, counting how many texts it is asked to embed. */
function counting(inner: Embedder): Embedder & { texts: number } {
  const wrapper = {
    model: inner.model,
    dimensions: inner.dimensions,
    texts: 0,
    embed: (texts: string[]) => ((wrapper.texts += texts.length), inner.embed(texts)),
    close: async () => {},
  };
  return wrapper;
}

let embedder: Embedder;
beforeAll(async () => {
  embedder = await createEmbedder('use-lite');
});
afterAll(async () => {
  await embedder.close();
});

describe('a second encoder as answer-model features', () => {
  it('gives each candidate its cosine with the question and its gap to the best, embedding each sentence once', async () => {
    const encoder = counting(embedder);
    const second = createSecondOpinion(encoder);
    const question = 'Who leads the Russian delegation?';
    const candidates = SENTENCES.map(scored);
    const features = await second.features(question, candidates);
    const [q, ...vectors] = await embedder.embed([question, ...SENTENCES]);
    features.forEach((f, i) => expect(f.dense2).toBeCloseTo(vectors[i]!.reduce((sum, v, j) => sum + v * q![j]!, 0), 5));
    expect(features[0]!.dense2).toBeGreaterThan(features[2]!.dense2!);
    expect(Math.max(...features.map((f) => f.dense2Gap!))).toBe(0);
    expect(features.every((f) => f.dense2Gap! <= 0)).toBe(true);
    expect(encoder.texts).toBe(1 + SENTENCES.length);
    await second.features('How many journalists waited?', candidates);
    expect(encoder.texts).toBe(1 + SENTENCES.length + 1);
    expect(await second.features(question, [])).toEqual([]);
  });

  it('re-ranks by the fitted weight of its features', async () => {
    const candidates = SENTENCES.map(scored);
    const extra = [{ dense2: 0.1 }, { dense2: 0.9 }, { dense2: 0.5 }];
    const corpus = { lexical: { idf: () => 1 }, passages: candidates.map((c) => c.passage) };
    const ranked = rescorePassages('Who waited outside?', candidates, corpus, { weights: { dense2: 10 }, bias: -5 }, extra);
    expect(ranked.map((c) => c.passage.id)).toEqual(['2.1', '3.1', '1.1']);
    expect(ranked[0]!.features!.dense2).toBe(0.9);
  });

  it('is refused, with one notice, when it is the main encoder or no answer model was fitted for the pair', async () => {
    const notices: string[] = [];
    expect(await openSecondOpinion('use-lite', USE_LITE_MODEL_ID, os.tmpdir(), (m) => notices.push(m))).toBeUndefined();
    expect(notices.at(-1)).toMatch(/is the main encoder/);
    expect(await openSecondOpinion('use-lite-tfjs', USE_LITE_MODEL_ID, os.tmpdir(), (m) => notices.push(m))).toBeUndefined();
    expect(notices.at(-1)).toContain(combinedModelId(USE_LITE_MODEL_ID, USE_LITE_TFJS_MODEL_ID));
    expect(notices.at(-1)).toMatch(/RERANK_MODEL=use-lite-tfjs npm run calibrate/);
    expect(notices).toHaveLength(2);
  });

  it('is asked once per question when the service answers', async () => {
    const encoder = counting(embedder);
    const articlesDir = tempSeedArticles();
    const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-second-'));
    const service = await createQaService({ articlesDir, indexDir, embedder, secondOpinion: createSecondOpinion(encoder) });
    try {
      const answer = await service.ask('Who leads the Russian delegation?');
      expect(answer.answered).toBe(true);
      const afterFirst = encoder.texts;
      expect(afterFirst).toBeGreaterThan(1);
      await service.ask('Who leads the Russian delegation?');
      expect(encoder.texts).toBe(afterFirst + 1);
    } finally {
      await service.close();
      fs.rmSync(indexDir, { recursive: true, force: true });
      fs.rmSync(articlesDir, { recursive: true, force: true });
    }
  });
});
