import { z } from 'zod/v4';

/** The result-check options, on the chain and on each entry (see docs/results.md). */
export const resultCheckFields = {
  checkResult: z
    .custom<(...args: never[]) => unknown>(value => typeof value === 'function', 'expected a function')
    .optional(),
  commit: z.enum(['first-output', 'finish'], { error: "expected 'first-output' or 'finish'" }).optional(),
};
