import { describe, expect, it } from 'vitest';
import { compareReports, figureDifferences } from '../../src/eval/compare-reports.js';

describe('figureDifferences', () => {
  it('compares rates and shares of two lines of one shape', () => {
    const differences = figureDifferences('  R@1 0.802  R@3 0.929  19/65 (29%)', '  R@1 0.810  R@3 0.929  20/65 (31%)')!;
    expect(differences.map((d) => Number(d.toFixed(6)))).toEqual([0.008, 0, Number((1 / 65).toFixed(6))]);
  });

  it('gives no size when a citation id or a count differs, or the lines differ in shape', () => {
    expect(figureDifferences('[1] 14.1 0.45, [2] 11.1 0.37', '[1] 11.1 0.45, [2] 14.1 0.37')).toBeUndefined();
    expect(figureDifferences('XQuAD (1190 questions)', 'XQuAD (1189 questions)')).toBeUndefined();
    expect(figureDifferences('✓ answered 1.1(0.77)', '✗ abstained 1.1(0.77)')).toBeUndefined();
  });
});

describe('compareReports', () => {
  it('prints alike lines once, differing lines from each store, and the largest figure difference', () => {
    const embedded = ['XQuAD', '  R@1 0.802  MRR 0.872', '  demo: [1] 11.1 0.42', '  15/15 pass'];
    const postgres = ['XQuAD', '  R@1 0.800  MRR 0.872', '  demo: [1] 14.1 0.42', '  15/15 pass'];
    const compared = compareReports(['embedded', 'postgres'], embedded, postgres);
    expect(compared.lines).toEqual([
      'XQuAD',
      'embedded │ R@1 0.802  MRR 0.872',
      'postgres │ R@1 0.800  MRR 0.872',
      'embedded │ demo: [1] 11.1 0.42',
      'postgres │ demo: [1] 14.1 0.42',
      '  15/15 pass',
    ]);
    expect(compared.differingLines).toBe(2);
    expect(compared.figures).toBe(3);
    expect(compared.largest!.line).toBe('R@1 0.802  MRR 0.872');
    expect(compared.largest!.difference).toBeCloseTo(0.002, 9);
  });

  it('shows a line only one report has', () => {
    const compared = compareReports(['a', 'b'], ['x', 'y'], ['x']);
    expect(compared.lines).toEqual(['x', 'a │ y']);
    expect(compared.differingLines).toBe(1);
    expect(compared.largest).toBeUndefined();
  });
});
