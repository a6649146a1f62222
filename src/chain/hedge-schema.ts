import { z } from 'zod/v4';
import { expectedNumber, numberOption } from './number-option';

const AFTER = "number of milliseconds > 0, or 'auto'";
const PERCENTILE = 'number > 0 and <= 100';
const RATIO = 'number > 0 and <= 1';

/** The hedge's fields that data can hold (all of them: the config loader takes these too). */
export const hedgeFields = {
  afterMs: z.union([numberOption(AFTER, { gt: 0 }), z.literal('auto')], {
    error: issue => (issue.input === undefined ? `required: a ${AFTER}` : expectedNumber(AFTER)(issue)),
  }),
  percentile: numberOption(PERCENTILE, { gt: 0 }).max(100, `expected a ${PERCENTILE}`).optional(),
  minSamples: numberOption('whole number >= 1', { int: true, min: 1 }).optional(),
  initialMs: numberOption('number of milliseconds > 0', { gt: 0 }).optional(),
  maxRatio: numberOption(RATIO, { gt: 0 }).max(1, `expected a ${RATIO}`).optional(),
};

/** `hedge` of a chain (docs/hedging.md). */
export const hedgeSchema = z.strictObject(hedgeFields, {
  error: issue => (issue.code === 'invalid_type' ? "expected an object such as { afterMs: 'auto' }" : undefined),
});

/** `hedge` of an entry: only `false`, which keeps the entry out of every hedge. */
export const entryHedgeSchema = z.literal(false, { error: 'expected false (leave it out to allow hedging)' });
