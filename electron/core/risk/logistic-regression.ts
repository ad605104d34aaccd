import { solveLinear } from './solve-linear';

/** A fitted model: features are standardized with the training means and deviations before the weights apply. */
export interface LogisticModel {
  means: number[];
  stds: number[];
  intercept: number;
  weights: number[];
}

export interface FitOptions {
  /** L2 penalty on the (standardized) weights, not the intercept. */
  l2?: number;
  maxIterations?: number;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * L2-regularized logistic regression fitted by Newton's method (IRLS). Deterministic: no random
 * start, no sampling; the same rows always give the same model. A feature constant in training has
 * deviation 1 so it standardizes to 0 and gets no weight.
 */
export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], { l2 = 1, maxIterations = 50 }: FitOptions = {}): LogisticModel {
  const p = rows[0]?.length ?? 0;
  const n = rows.length;
  const means = Array.from({ length: p }, (_, k) => rows.reduce((s, r) => s + r[k]!, 0) / Math.max(n, 1));
  const stds = means.map((m, k) => {
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r[k]! - m) ** 2, 0) / Math.max(n, 1));
    return sd > 1e-12 ? sd : 1;
  });
  // One flat row-major matrix, column 0 the intercept: a million rows are fitted in typed arrays
  // rather than a million small ones.
  const width = p + 1;
  const z = new Float64Array(n * width);
  for (let r = 0; r < n; r++) {
    z[r * width] = 1;
    for (let k = 0; k < p; k++) z[r * width + k + 1] = (rows[r]![k]! - means[k]!) / stds[k]!;
  }
  const beta = new Float64Array(width);
  const gradient = new Float64Array(width);
  const hessian = new Float64Array(width * width);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    for (let i = 0; i < width; i++) gradient[i] = i === 0 ? 0 : -l2 * beta[i]!;
    hessian.fill(0);
    for (let i = 1; i < width; i++) hessian[i * width + i] = l2;
    for (let r = 0, at = 0; r < n; r++, at += width) {
      let logit = 0;
      for (let i = 0; i < width; i++) logit += beta[i]! * z[at + i]!;
      const prob = sigmoid(logit);
      const weight = Math.max(prob * (1 - prob), 1e-10);
      const residual = labels[r]! - prob;
      // The lower triangle only: the Hessian is symmetric.
      for (let i = 0, row = 0; i < width; i++, row += width) {
        const xi = z[at + i]!;
        gradient[i]! += residual * xi;
        const wxi = weight * xi;
        for (let j = 0; j <= i; j++) hessian[row + j]! += wxi * z[at + j]!;
      }
    }
    const square = Array.from({ length: width }, (_, i) => Array.from({ length: width }, (__, j) => hessian[Math.max(i, j) * width + Math.min(i, j)]!));
    const step = solveLinear(square, [...gradient]);
    for (let k = 0; k < width; k++) beta[k]! += step[k]!;
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { means, stds, intercept: beta[0]!, weights: [...beta.subarray(1)] };
}

/** Each feature's push on the log-odds: weight × standardized value. */
export function contributions(model: LogisticModel, features: readonly number[]): number[] {
  return model.weights.map((w, k) => w * ((features[k]! - model.means[k]!) / model.stds[k]!));
}

export function predictProbability(model: LogisticModel, features: readonly number[]): number {
  return sigmoid(model.intercept + contributions(model, features).reduce((a, b) => a + b, 0));
}
