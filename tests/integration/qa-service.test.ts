import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embedding/create-embedder.js';
import { DEFAULT_MODEL } from '../../src/config.js';
import type { Embedder } from '../../src/embedding/embedder.js';
import { createQaService } from '../../src/qa-service.js';
import type { QaService } from '../../src/types.js';
import { SEED_PATH, tempSeedArticles } from '../support/articles.js';


let embedder: Embedder;
let service: QaService;
let indexDir: string;
let articlesDir: string;

beforeAll(async () => {
  indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-index-'));
  articlesDir = tempSeedArticles();
  embedder = await createEmbedder(DEFAULT_MODEL);
  service = await createQaService({ articlesDir, indexDir, embedder });
});

afterAll(async () => {
  await service.close();
  await embedder.close();
  fs.rmSync(indexDir, { recursive: true, force: true });
  fs.rmSync(articlesDir, { recursive: true, force: true });
});

/** Questions about the seed article, paraphrased, with the sentence that answers each. */
const ANSWERABLE: Array<[string, string]> = [
  ['Who leads the Russian delegation?', '11.1'],
  ['Who is leading Russia’s delegation?', '11.1'],
  ['What did the Kremlin spokesman tell CNN?', '4.1'],
  ['How many journalists waited outside the palace?', '2.1'],
  ['Where did Zelenskyy land?', '10.1'],
  ['Which allies of Ukraine are named?', '5.1'],
  ['Who reported the story?', '16.1'],
  ['Would Trump consider more sanctions on Russia?', '9.1'],
];

const OFF_TOPIC = [
  'Who is the Prime Minister of Canada?',
  'What is the boiling point of water?',
  'Recommend me a good movie',
  'How do I bake sourdough bread?',
];

describe('ask', () => {
  it('answers a misspelt question as it answers the question spelt right', async () => {
    const right = await service.ask('Who leads the Russian delegation?');
    const misspelt = await service.ask('Who leads the Rusian delegaton?');
    expect(misspelt.answered).toBe(true);
    // The same sentences in the same order; the scores differ a little, the question's vector being the misspelt one's.
    expect(misspelt.citations.map((c) => c.id)).toEqual(right.citations.map((c) => c.id));
    expect(misspelt.citations[0]!.highlights).toEqual(right.citations[0]!.highlights);
    expect(misspelt.question).toBe('Who leads the Rusian delegaton?');
  });

  it.each(ANSWERABLE)('answers %j citing %s in the top 3', async (question, id) => {
    const answer = await service.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.citations.slice(0, 3).map((c) => c.id)).toContain(id);
  });

  it('quotes the Medinsky sentence verbatim, with its article, citation id and matched words', async () => {
    const answer = await service.ask('Who leads the Russian delegation?');
    const medinsky = answer.citations.find((c) => c.quote.includes('Vladimir Medinsky'))!;
    const text = fs.readFileSync(SEED_PATH, 'utf8');
    expect(medinsky).toMatchObject({ article: '000_ce70d124781ea012', id: '11.1' });
    expect(text).toContain(medinsky.quote);
    expect(medinsky.highlights.map(([s, e]) => medinsky.quote.slice(s, e))).toEqual(['led']);
    expect(answer.citations.map((c) => c.n)).toEqual(answer.citations.map((_, i) => i + 1));
  });

  it.each(OFF_TOPIC)('abstains on %j and offers the closest passages as such', async (question) => {
    const answer = await service.ask(question);
    expect(answer.answered).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) expect(citation.score).toBeLessThan(0.5);
  });

  it('rejects an empty or whitespace question with a clear error', async () => {
    await expect(service.ask('')).rejects.toThrow('Footnote: Ask a question: the text was empty.');
    await expect(service.ask(' \u200B\n ')).rejects.toThrow(/text was empty/);
  });

  it('rejects a question over the length limit', async () => {
    await expect(service.ask('why '.repeat(400))).rejects.toThrow('That question is too long: at most 1,000 characters, and it has 1,599.');
  });
});

describe('search', () => {
  it('returns scored passages best first, fused score in [0, 1]', async () => {
    const hits = await service.search('mineral deal repaying U.S. military aid', 4);
    expect(hits).toHaveLength(4);
    expect(hits[0]!.passage.id).toBe('7.1');
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    // Min-max fusion gives 0 only to a passage weakest in both lists; none of the best four of 17 is.
    for (const hit of hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('source and suggest', () => {
  it('shows a sentence within its paragraph, with offsets marking it', () => {
    const view = service.source('6.2')!;
    expect(view.passage.text.startsWith('Even after his historic Oval Office')).toBe(true);
    expect(view.paragraph.slice(view.start, view.end)).toBe(view.passage.text);
    expect(view.paragraph.startsWith('The Russian leader’s unshowed will')).toBe(true);
  });

  it('accepts article-qualified and bracketed refs and refuses unknown ones', () => {
    expect(service.source('000_ce70d124781ea012:11.1')?.passage.id).toBe('11.1');
    expect(service.source('[4.1]')?.passage.id).toBe('4.1');
    expect(service.source('99.9')).toBeUndefined();
  });

  it('suggests refs by id prefix or by words in the sentence', () => {
    expect(service.suggest('6.').map((s) => s.ref)).toEqual(['6.1', '6.2']);
    expect(service.suggest('medinsky').map((s) => s.ref)).toEqual(['11.1']);
    expect(service.suggest('').length).toBe(17);
  });
});

describe('about', () => {
  it('describes the loaded articles, the model and the build time', () => {
    const about = service.about();
    expect(about).toMatchObject({ sentences: 17, model: embedder.model, dimensions: 512 });
    // The seed has no front matter: its title is its first sentence, shortened, never the file id.
    expect(about.articles).toEqual([{ id: '000_ce70d124781ea012', title: 'Istanbul - Russia and Ukraine spin in amid high-risk peace talks between…', sentences: 17 }]);
    expect(Number.isNaN(Date.parse(about.builtAt))).toBe(false);
  });
});
