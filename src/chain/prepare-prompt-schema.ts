import { z } from 'zod/v4';

/** An entry's `preparePrompt`: `true`, `false`, or a hook `(prompt, { from, to, prepare }) => prompt`. */
export const preparePromptSchema = z.custom<boolean | ((...args: never[]) => unknown)>(
  value => typeof value === 'boolean' || typeof value === 'function',
  'expected true, false, or a function (prompt, { from, to, prepare }) => prompt',
);
