import type { Schemas } from './contract.js';

/** The summary of a service's ratings from how many 1s, 2s, 3s, 4s and 5s it got. */
export function feedbackSummary(service: string, ratings: number[]): Schemas['FeedbackSummary'] {
  const count = ratings.reduce((a, b) => a + b, 0);
  const total = ratings.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return {
    service,
    count,
    // Two decimals, so every implementation reports the same number.
    averageRating: count ? Math.round((total / count) * 100) / 100 : null,
    ratings,
  };
}
