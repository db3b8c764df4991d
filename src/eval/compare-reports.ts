/**
 * Two evaluation reports of the same shape (one per store) side by side: lines both stores print alike once, lines
 * that differ from each store, and the largest difference in a figure. A figure is a rate or score as the report
 * prints them (two or more decimals, e.g. `0.802`) or a share `n/d`; anything else that differs (a citation id, a
 * count, a ✓) makes the line differ without a size.
 */

const TOKEN = /(\d+)\/(\d+)(?: \(\d+%\))?|\d+\.\d{2,}|\d+(?:\.\d)?/g;

export interface ReportComparison {
  lines: string[];
  /** Figures compared on lines of the same shape. */
  figures: number;
  differingLines: number;
  /** The largest figure difference and the line it is on (the first store's text). */
  largest?: { difference: number; line: string };
}

export function compareReports(names: readonly [string, string], first: readonly string[], second: readonly string[]): ReportComparison {
  const width = Math.max(...names.map((n) => n.length));
  const tag = (name: string, line: string) => `${name.padEnd(width)} │ ${line.trimStart()}`;
  const out: ReportComparison = { lines: [], figures: 0, differingLines: 0 };
  for (let i = 0; i < Math.max(first.length, second.length); i++) {
    const [a, b] = [first[i], second[i]];
    if (a !== undefined && b !== undefined) {
      const figures = figureDifferences(a, b);
      if (figures) {
        out.figures += figures.length;
        const worst = Math.max(0, ...figures);
        if (worst > (out.largest?.difference ?? 0)) out.largest = { difference: worst, line: a.trim() };
      }
    }
    if (a === b) {
      out.lines.push(a!);
      continue;
    }
    out.differingLines++;
    if (a !== undefined) out.lines.push(tag(names[0], a));
    if (b !== undefined) out.lines.push(tag(names[1], b));
  }
  return out;
}

/** Absolute differences of the figures of two lines, or undefined when the lines are not of one shape. */
export function figureDifferences(a: string, b: string): number[] | undefined {
  const [ta, tb] = [tokens(a), tokens(b)];
  if (ta.shape !== tb.shape || ta.values.length !== tb.values.length) return undefined;
  const differences: number[] = [];
  for (let i = 0; i < ta.values.length; i++) {
    const [x, y] = [ta.values[i]!, tb.values[i]!];
    if (typeof x === 'number' && typeof y === 'number') differences.push(Math.abs(x - y));
    else if (x !== y) return undefined;
  }
  return differences;
}

/** The line with every number replaced by `#`, and each number: a figure's value, or its text when it is not one. */
function tokens(line: string): { shape: string; values: Array<number | string> } {
  const values: Array<number | string> = [];
  const shape = line.replace(TOKEN, (text, n?: string, d?: string) => {
    if (n !== undefined) values.push(Number(d) === 0 ? 0 : Number(n) / Number(d));
    else values.push(/\.\d{2,}$/.test(text) ? Number(text) : text);
    return '#';
  });
  return { shape, values };
}
