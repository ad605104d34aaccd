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

/** Rows of equal width in one flat row-major array: feature k of row r at `values[r * width + k]`. */
export interface FeatureRows {
  count: number;
  width: number;
  values: Float64Array;
}

/**
 * L2-regularized logistic regression fitted by Newton's method (IRLS). Deterministic: no random
 * start, no sampling; the same rows always give the same model. A feature constant in training has
 * deviation 1 so it standardizes to 0 and gets no weight.
 */
export function fitLogistic(rows: FeatureRows, labels: ArrayLike<number>, { l2 = 1, maxIterations = 50 }: FitOptions = {}): LogisticModel {
  const { means, stds } = columnMoments(rows);
  const n = rows.count;
  const width = rows.width + 1;
  const beta = new Float64Array(width);
  const gradient = new Float64Array(width);
  const hessian = new Float64Array(width * width);
  // One standardized row at a time, column 0 the intercept: a million rows are never copied.
  const z = new Float64Array(width);
  z[0] = 1;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    for (let i = 0; i < width; i++) gradient[i] = i === 0 ? 0 : -l2 * beta[i]!;
    hessian.fill(0);
    for (let i = 1; i < width; i++) hessian[i * width + i] = l2;
    for (let r = 0; r < n; r++) {
      standardizeRow(rows, r, means, stds, z);
      let logit = 0;
      for (let i = 0; i < width; i++) logit += beta[i]! * z[i]!;
      const prob = sigmoid(logit);
      const weight = Math.max(prob * (1 - prob), 1e-10);
      const residual = labels[r]! - prob;
      // The lower triangle only: the Hessian is symmetric.
      for (let i = 0, row = 0; i < width; i++, row += width) {
        const xi = z[i]!;
        gradient[i]! += residual * xi;
        const wxi = weight * xi;
        for (let j = 0; j <= i; j++) hessian[row + j]! += wxi * z[j]!;
      }
    }
    const square = Array.from({ length: width }, (_, i) => Array.from({ length: width }, (__, j) => hessian[Math.max(i, j) * width + Math.min(i, j)]!));
    const step = solveLinear(square, [...gradient]);
    for (let k = 0; k < width; k++) beta[k]! += step[k]!;
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { means, stds, intercept: beta[0]!, weights: [...beta.subarray(1)] };
}

/** Each column's mean and (population) deviation, summed in row order; a constant column gets deviation 1. */
function columnMoments({ count, width, values }: FeatureRows): { means: number[]; stds: number[] } {
  const sums = new Float64Array(width);
  for (let at = 0; at < count * width; at += width) for (let k = 0; k < width; k++) sums[k]! += values[at + k]!;
  const means = Array.from(sums, (sum) => sum / Math.max(count, 1));
  const squares = new Float64Array(width);
  for (let at = 0; at < count * width; at += width) for (let k = 0; k < width; k++) squares[k]! += (values[at + k]! - means[k]!) ** 2;
  const stds = Array.from(squares, (sum) => {
    const sd = Math.sqrt(sum / Math.max(count, 1));
    return sd > 1e-12 ? sd : 1;
  });
  return { means, stds };
}

/** Row r standardized into z[1…width] (z[0] is the intercept's 1). */
function standardizeRow({ width, values }: FeatureRows, r: number, means: readonly number[], stds: readonly number[], z: Float64Array): void {
  for (let k = 0, at = r * width; k < width; k++) z[k + 1] = (values[at + k]! - means[k]!) / stds[k]!;
}

/** Each feature's push on the log-odds: weight × standardized value. */
export function contributions(model: LogisticModel, features: readonly number[]): number[] {
  return model.weights.map((w, k) => w * ((features[k]! - model.means[k]!) / model.stds[k]!));
}

export function predictProbability(model: LogisticModel, features: readonly number[]): number {
  return sigmoid(model.intercept + contributions(model, features).reduce((a, b) => a + b, 0));
}
