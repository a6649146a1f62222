import { z } from 'zod/v4';

/** The bounds a numeric option may have. */
export interface NumberBounds {
  /** Whole numbers only. */
  int?: boolean;
  /** Smallest allowed value. */
  min?: number;
  /** Values must be greater than this. */
  gt?: number;
}

/** NaN and ±Infinity: zod calls them the wrong type, which would read as if a string had been given. */
export function isNonFinite(input: unknown): boolean {
  return typeof input === 'number' && !Number.isFinite(input);
}

/**
 * `expected a <what>` for every way a numeric option can be wrong, and
 * `expected a finite <what>` for NaN and ±Infinity, so every numeric option
 * says the same thing in our words (never zod's, never the value found).
 * `what` is written without its article: `'number of milliseconds >= 0'`.
 */
export function expectedNumber(what: string): (issue: { input?: unknown }) => string {
  return issue => `expected a ${isNonFinite(issue.input) ? 'finite ' : ''}${what}`;
}

/** A finite number within `bounds`, every failure worded by {@link expectedNumber}. */
export function numberOption(what: string, { int = false, min, gt }: NumberBounds = {}) {
  const message = `expected a ${what}`;
  let schema = z.number({ error: expectedNumber(what) });
  if (int) schema = schema.int(message);
  if (min !== undefined) schema = schema.min(min, message);
  if (gt !== undefined) schema = schema.gt(gt, message);
  return schema;
}
