/**
 * How well probabilities rank and fit outcomes (labels 1 = late, 0 = on time).
 * AUC is exact: the Mann–Whitney statistic with tied scores counted one half, computed from ranks.
 */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((score, i) => ({ score, label: labels[i]! })).sort((a, b) => a.score - b.score);
  const positives = order.filter((o) => o.label === 1).length;
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]!.score === order[i]!.score) j++;
    // Tied scores share the mean of ranks i+1 … j.
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k]!.label === 1) rankSum += rank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Mean squared difference between probability and outcome. */
export function brier(probabilities: readonly number[], labels: readonly number[]): number {
  return probabilities.reduce((sum, p, i) => sum + (p - labels[i]!) ** 2, 0) / probabilities.length;
}

/** Share of outcomes called right with P ≥ threshold meaning late. */
export function accuracy(probabilities: readonly number[], labels: readonly number[], threshold = 0.5): number {
  return probabilities.filter((p, i) => (p >= threshold ? 1 : 0) === labels[i]).length / probabilities.length;
}
