/**
 * The lexical side in PostgreSQL: each passage's terms (our own tokenizer, stems included) stored as a `tsvector`
 * with one position per occurrence, and BM25 computed in SQL with MiniSearch's formula and parameters, so the
 * lexical scores, and therefore the fused ranking, are the embedded store's.
 */
import type pg from 'pg';
import { idfCoverage, inverseDocumentFrequency, tokenize, type LexicalHit } from '../lexical-index.js';

/** MiniSearch's defaults (k1, b, and its additive term `d`), which the embedded store scores with. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
/** PostgreSQL's limits on tsvector positions; a sentence is far below them. */
const MAX_POSITION = 16383;

export interface PassageLexemes {
  /** A `tsvector` literal: every term with the positions it occurs at. */
  literal: string;
  /** Distinct terms: MiniSearch's field length. */
  uniqueTerms: number;
  terms: Set<string>;
}

export function passageLexemes(text: string): PassageLexemes {
  const positions = new Map<string, number[]>();
  tokenize(text).forEach((term, i) => {
    const list = positions.get(term) ?? [];
    list.push(Math.min(i + 1, MAX_POSITION));
    positions.set(term, list);
  });
  const literal = [...positions].map(([term, at]) => `${quoteLexeme(term)}:${at.join(',')}`).join(' ');
  return { literal, uniqueTerms: positions.size, terms: new Set(positions.keys()) };
}

/** The same running average MiniSearch keeps, step by step, so its rounding is reproduced too. */
export function averageUniqueTerms(lengths: number[]): number {
  let average = 0;
  lengths.forEach((length, count) => (average = (average * count + length) / (count + 1)));
  return average;
}

function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export interface GenerationStats {
  id: number;
  passageCount: number;
  avgUniqueTerms: number;
}

/**
 * BM25 hits for a question, best first: every query term counts once per occurrence in the question (MiniSearch
 * runs a repeated term again), and the sum is multiplied by the number of distinct terms matched, as MiniSearch does.
 */
export async function lexicalHits(client: pg.ClientBase, generation: GenerationStats, question: string, limit: number): Promise<LexicalHit[]> {
  const terms = tokenize(question);
  if (terms.length === 0) return [];
  const query = [...new Set(terms)].map(quoteLexeme).join(' | ');
  const { rows } = await client.query<{ label: number; score: number; terms: string[] }>(
    `WITH asked AS (
       SELECT w.term, w.times, t.document_frequency AS df
       FROM (SELECT term, count(*)::float8 AS times FROM unnest($3::text[]) AS term GROUP BY term) w
       JOIN footnote_terms t ON t.generation = $1 AND t.term = w.term
     )
     SELECT p.label,
            sum(a.times * (ln(1 + ($4::float8 - a.df + 0.5::float8) / (a.df + 0.5::float8))
                * ($7::float8 + l.tf * ($6::float8 + 1) / (l.tf + $6::float8 * (1 - $8::float8 + $8::float8 * p.unique_terms / $5::float8)))))
              * count(*) AS score,
            array_agg(a.term) AS terms
     FROM footnote_passages p
     CROSS JOIN LATERAL (SELECT u.lexeme, array_length(u.positions, 1)::float8 AS tf FROM unnest(p.lexemes) AS u) l
     JOIN asked a ON a.term = l.lexeme
     WHERE p.generation = $1 AND p.lexemes @@ $2::tsquery
     GROUP BY p.label
     ORDER BY score DESC, p.label
     LIMIT $9`,
    [generation.id, query, terms, generation.passageCount, generation.avgUniqueTerms, BM25.k, BM25.d, BM25.b, limit],
  );
  return rows.map((row) => ({ label: row.label, score: Number(row.score), terms: row.terms }));
}

/** Document frequencies of the given terms in one generation. */
export async function documentFrequencies(client: pg.ClientBase, generation: number, terms: string[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ term: string; df: number }>(
    'SELECT term, document_frequency AS df FROM footnote_terms WHERE generation = $1 AND term = ANY($2::text[])',
    [generation, [...new Set(terms)]],
  );
  return new Map(rows.map((row) => [row.term, row.df]));
}

/** IDF and coverage over fetched document frequencies: LexicalIndex's formulas, for the terms of one question. */
export class FetchedTermWeights {
  constructor(
    private readonly documentFrequency: Map<string, number>,
    private readonly documentCount: number,
  ) {}

  idf(term: string): number {
    return inverseDocumentFrequency(this.documentCount, this.documentFrequency.get(term) ?? 0);
  }

  coverage(query: string, matchedTerms: Iterable<string>): number {
    return idfCoverage(query, matchedTerms, (term) => this.idf(term));
  }
}

/**
 * The terms of a question retrieval weighs: its tokens, and those of each letters-only word on its own (how the
 * answer model splits a question). The stems the answer model relates to them come from the caller (`weighTerms`).
 */
export function questionTerms(question: string): string[] {
  const words = question.toLowerCase().replace(/[’‘`]/g, "'").match(/[\p{L}]+(?:'[\p{L}]+)*/gu) ?? [];
  return [...new Set([...tokenize(question), ...words.flatMap((word) => tokenize(word))])];
}
