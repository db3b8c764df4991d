/** Logistic regression over named features, fitted by Newton's method (IRLS) with a small ridge for stability. */
export interface LogisticModel {
  weights: Record<string, number>;
  bias: number;
}

export interface Example {
  features: Record<string, number>;
  answerable: boolean;
  /** Importance in the fit; 1 unless a group of examples must not outweigh another by sheer number. */
  weight?: number;
}

export function logisticProbability(features: Record<string, number>, model: LogisticModel): number {
  let z = model.bias;
  // for…in walks the same keys in the same order as Object.entries, without an array of pairs per call (this runs for
  // every candidate of every question).
  for (const name in model.weights) z += model.weights[name]! * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

export function fitLogisticModel(examples: Example[], names: readonly string[], ridge = 1e-3, iterations = 25): LogisticModel {
  const d = names.length + 1;
  let beta = new Array<number>(d).fill(0);
  const rows = examples.map((e) => [...names.map((name) => e.features[name] ?? 0), 1]);
  const totalWeight = examples.reduce((sum, e) => sum + (e.weight ?? 1), 0) || 1;
  for (let step = 0; step < iterations; step++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((x, i) => {
      const w = (examples[i]!.weight ?? 1) / totalWeight;
      const p = 1 / (1 + Math.exp(-x.reduce((sum, v, j) => sum + v * beta[j]!, 0)));
      const error = p - (examples[i]!.answerable ? 1 : 0);
      for (let j = 0; j < d; j++) {
        gradient[j]! += w * error * x[j]!;
        for (let k = 0; k <= j; k++) hessian[j]![k]! += w * p * (1 - p) * x[j]! * x[k]!;
      }
    });
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) hessian[k]![j] = hessian[j]![k]!;
      if (j < d - 1) {
        hessian[j]![j]! += ridge;
        gradient[j]! += ridge * beta[j]!;
      } else hessian[j]![j]! += 1e-9;
    }
    const delta = solve(hessian, gradient);
    beta = beta.map((b, j) => b - delta[j]!);
    if (Math.max(...delta.map(Math.abs)) < 1e-8) break;
  }
  return { weights: Object.fromEntries(names.map((name, j) => [name, beta[j]!])), bias: beta[d - 1]! };
}

/** Gaussian elimination with partial pivoting; the systems here are the feature count plus one wide. */
export function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const head = a[col]![col]! || 1e-12;
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / head;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / (a[row]![row]! || 1e-12);
  }
  return x;
}
