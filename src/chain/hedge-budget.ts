/**
 * The token bucket that caps hedged calls to `maxRatio` of an entry's recent
 * calls: every call earns `maxRatio` of a token, a hedge spends a whole one.
 * It holds at most `capacity` tokens (so a quiet spell does not save up a
 * burst of hedges) and starts with one, so the first slow call can be hedged.
 */
export interface HedgeBudget {
  tokens: number;
}

/** The most tokens a bucket holds, for a ratio: the hedges of 100 calls, at least one. */
export function budgetCapacity(maxRatio: number): number {
  return Math.max(1, maxRatio * 100);
}

export function hedgeBudget(): HedgeBudget {
  return { tokens: 1 };
}

/** One call on the entry: it earns its share of a hedge. */
export function earnHedge(budget: HedgeBudget, maxRatio: number): void {
  budget.tokens = Math.min(budgetCapacity(maxRatio), budget.tokens + maxRatio);
}

/** Whether a hedge may start now. */
export function canHedge(budget: HedgeBudget): boolean {
  return budget.tokens >= 1;
}

/** Takes the token of a hedge that starts; `false` (and nothing taken) when the bucket has none. */
export function spendHedge(budget: HedgeBudget): boolean {
  if (budget.tokens < 1) return false;
  budget.tokens -= 1;
  return true;
}
