/**
 * Names tagged ahead on a worker thread must be the tagger's own spans, so that an answer is the same whether its
 * candidates were tagged ahead or on first touch; the table holds each sentence once and is forgotten on stop.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticSentences } from '../../bench/lib.js';
import { novelSpans, taggedSpans, typedSpans, type TypedSpan } from '../../src/answer/answer-types.js';
import { NamesAhead, namesAhead, packSpans, serveNamesAhead } from '../../src/answer/names-ahead.js';
import { NAME_TAGGING_VERSION, readNamesFile, sentenceKey, writeNamesFile } from '../../src/answer/names-file.js';
import { tagAhead } from '../../src/answer/tag-ahead.js';
import { seedArticleText } from '../support/articles.js';

const SEED = seedArticleText()
  .split(/(?<=[.!?”"])\s+/)
  .filter((s) => /\p{L}/u.test(s));

describe('packed name spans', () => {
  it('unpack to the spans they were packed from, sentence by sentence', () => {
    const table = new NamesAhead();
    const sentences = [...SEED, 'no names here.', ...syntheticSentences(300, 3)];
    // Added in uneven batches, so the table grows past its first allocation between them.
    for (let at = 0; at < sentences.length; at += 37) {
      const batch = sentences.slice(at, at + 37);
      table.add(batch, packSpans(batch.map((s) => taggedSpans(s))));
    }
    expect(table.size).toBe(new Set(sentences).size);
    for (const sentence of sentences) expect(table.get(sentence), sentence).toEqual(taggedSpans(sentence));
    expect(table.get('no names here.')).toEqual([]);
    expect(table.get('a sentence never added')).toBeUndefined();
  });
});

describe('tagAhead', () => {
  it('tags every sentence on a worker as the tagger does, serves them until stopped, and copies what is known', async () => {
    const sentences = [...SEED, ...syntheticSentences(200, 11), SEED[0]!];
    const first = tagAhead(sentences, { delayMs: 0, batch: 16 });
    await first.done;
    expect(first.table.size).toBe(new Set(sentences).size);
    for (const sentence of sentences) expect(namesAhead(sentence), sentence).toEqual(taggedSpans(sentence));
    // A second generation sharing the first's sentences takes them from it: only the new one is left to tag.
    const added = 'Mayor Elena Ruiz-Whitfield opened the Northgate line in Larkfield on Monday.';
    const second = tagAhead([...sentences, added], { delayMs: 60_000 });
    expect(second.table.size).toBe(new Set(sentences).size);
    expect(second.table.get(added)).toBeUndefined();
    await second.stop();
    await second.done;

    await first.stop();
    for (const sentence of sentences) expect(namesAhead(sentence)).toBeUndefined();
  });

  it('is what the answer path reads for a sentence it holds', () => {
    // A sentence no other test tags, and spans the tagger would not give, so only the table can have supplied them.
    const sentence = 'Quentin Marlowe spoke at the Hollis Forum on Tuesday.';
    const planted: TypedSpan[] = [{ type: 'person', strength: 2, start: 0, end: 7 }];
    expect(taggedSpans(sentence)).not.toEqual(planted);
    const table = new NamesAhead();
    table.add([sentence], packSpans([planted]));
    const forget = serveNamesAhead(table);
    try {
      expect(novelSpans('Who spoke at the forum?', sentence, 'person')).toEqual(planted);
      expect(typedSpans(sentence).filter((span) => span.type === 'person')).toEqual(planted);
    } finally {
      forget();
    }
  });

  it('stopped before it starts, tags nothing and settles', async () => {
    const ahead = tagAhead(SEED, { delayMs: 60_000 });
    await ahead.stop();
    await ahead.done;
    expect(ahead.table.size).toBe(0);
    expect(namesAhead(SEED[0]!)).toBeUndefined();
  });
});

describe('the names file', () => {
  const sentences = [...SEED, ...syntheticSentences(150, 21)];
  const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'footnote-names-'));

  it('is of the version whose spans the tagger gives: other spans must come with another NAME_TAGGING_VERSION', () => {
    // Files keep spans across starts and upgrades; should taggedSpans or compromise change what they give, a file
    // of the old version would serve stale names. Bump the version (old files are then tagged again) and this digest.
    const spans = [...SEED, ...syntheticSentences(300, 3)].map((s) => taggedSpans(s));
    const digest = createHash('sha256').update(JSON.stringify(spans)).digest('hex').slice(0, 16);
    expect({ version: NAME_TAGGING_VERSION, digest }).toEqual({ version: 3, digest: '1ab26670fd3d880a' });
  });

  it('gives every sentence a key of its own', () => {
    const many = [...new Set([...sentences, ...syntheticSentences(20_000, 5)])];
    expect(new Set(many.map(sentenceKey)).size).toBe(many.length);
  });

  it('reads back what was written, and refuses a file that is damaged, cut short or of another version', async () => {
    const dir = folder();
    try {
      const file = path.join(dir, 'names-ahead.bin');
      const table = new NamesAhead();
      table.add(sentences, packSpans(sentences.map((s) => taggedSpans(s))));
      await writeNamesFile(file, table);
      expect(fs.readdirSync(dir)).toEqual(['names-ahead.bin']);
      // A folder not made yet (a PostgreSQL deployment's index folder) is made.
      const nested = path.join(dir, 'not-yet', 'names-ahead.bin');
      await writeNamesFile(nested, table);
      expect((await readNamesFile(nested))!.size).toBe(new Set(sentences).size);
      fs.rmSync(path.join(dir, 'not-yet'), { recursive: true });
      const saved = (await readNamesFile(file))!;
      expect(saved.size).toBe(new Set(sentences).size);
      for (const sentence of sentences) expect(saved.get(sentenceKey(sentence)), sentence).toEqual(packSpans([taggedSpans(sentence)]));

      const bytes = fs.readFileSync(file);
      const flipped = Buffer.from(bytes);
      flipped[40] = flipped[40]! ^ 1;
      fs.writeFileSync(file, flipped);
      expect(await readNamesFile(file)).toBeUndefined();
      fs.writeFileSync(file, bytes.subarray(0, bytes.length - 7));
      expect(await readNamesFile(file)).toBeUndefined();
      // Another version, with a digest that matches: the spans may not be what this tagger gives.
      const body = Buffer.from(bytes.subarray(0, bytes.length - 32));
      body.writeInt32LE(body.readInt32LE(4) + 1, 4);
      fs.writeFileSync(file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
      expect(await readNamesFile(file)).toBeUndefined();
      fs.writeFileSync(file, 'not a names file');
      expect(await readNamesFile(file)).toBeUndefined();
      expect(await readNamesFile(path.join(dir, 'missing.bin'))).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a restart read its names back instead of tagging them, and tag only what is new', async () => {
    const dir = folder();
    try {
      const file = path.join(dir, 'names-ahead.bin');
      const first = tagAhead(sentences, { delayMs: 0, file });
      await first.done;
      expect(first.tagged).toBe(new Set(sentences).size);
      await first.stop();

      // A new process: nothing served, the file alone.
      const again = tagAhead(sentences, { delayMs: 0, file });
      await again.done;
      expect(again.tagged).toBe(0);
      for (const sentence of sentences) expect(again.table.get(sentence), sentence).toEqual(taggedSpans(sentence));
      await again.stop();

      const added = 'Councillor Priya Osei walked from Bridge St. to the town hall in Larkfield.';
      const more = tagAhead([...sentences, added], { delayMs: 0, file });
      await more.done;
      expect(more.tagged).toBe(1);
      await more.stop();
      expect((await readNamesFile(file))!.get(sentenceKey(added))).toEqual(packSpans([taggedSpans(added)]));

      // A damaged file is tagged again, and rewritten.
      fs.writeFileSync(file, 'damaged');
      const repaired = tagAhead(sentences, { delayMs: 0, file });
      await repaired.done;
      expect(repaired.tagged).toBe(new Set(sentences).size);
      await repaired.stop();
      expect((await readNamesFile(file))!.size).toBe(new Set(sentences).size);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
