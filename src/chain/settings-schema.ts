import { z } from 'zod/v4';
import { didYouMean } from '../errors/did-you-mean';
import type { FallbackEntrySettings } from '../types';
import { numberOption } from './number-option';

const REASONING = ['provider-default', 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
const quoted = (items: readonly string[]) => items.map(item => `'${item}'`).join(', ');

const number = numberOption('number').optional();

// Checked as `ai` checks the caller's own call options: an entry's settings
// reach the provider after `ai` has validated the call, so nothing else would.
const settingsShape = {
  maxOutputTokens: numberOption('whole number >= 1', { int: true, min: 1 }).optional(),
  temperature: number,
  stopSequences: z
    .array(z.string({ error: 'expected a string' }), { error: 'expected an array of strings' })
    .optional(),
  topP: number,
  topK: number,
  presencePenalty: number,
  frequencyPenalty: number,
  seed: numberOption('whole number', { int: true }).optional(),
  headers: z
    .record(z.string(), z.string({ error: 'expected a string' }).optional(), {
      error: 'expected an object of header names and string values',
    })
    .optional(),
  reasoning: z
    .enum(REASONING, { error: issue => `expected one of ${quoted(REASONING)}${didYouMean(issue.input, REASONING)}` })
    .optional(),
  providerOptions: z
    .record(z.string(), z.record(z.string(), z.unknown(), { error: "expected an object of this provider's options" }), {
      error: 'expected an object keyed by provider, e.g. { openai: { … } }',
    })
    .optional(),
} satisfies Record<keyof FallbackEntrySettings, z.ZodType>;

/** An entry's `settings`: the call options it may override ({@link FallbackEntrySettings}), nothing else. */
export const settingsSchema = z.strictObject(settingsShape, { error: 'expected an object of call options' });

/** Names of earlier AI SDK majors for a setting (`maxTokens` was V1's `maxOutputTokens`). */
export const RENAMED_SETTINGS: Readonly<Record<string, keyof FallbackEntrySettings>> = {
  maxTokens: 'maxOutputTokens',
  providerMetadata: 'providerOptions',
};

/**
 * Call options that belong to the call, not to an entry: replacing them per
 * entry would answer a different question than the one asked.
 */
const CALL_ONLY: Readonly<Record<string, string>> = {
  prompt: 'prompt',
  messages: 'prompt',
  system: 'prompt',
  tools: 'tools',
  toolChoice: 'tools',
  activeTools: 'tools',
  responseFormat: 'output format',
  output: 'output format',
  abortSignal: 'abort signal',
};

/** Why `key` cannot be an entry setting, when it is a call option only the caller sets. */
export function callOnlyMessage(key: string): string | undefined {
  const what = Object.hasOwn(CALL_ONLY, key) ? CALL_ONLY[key] : undefined;
  return what === undefined
    ? undefined
    : `the chain does not let an entry replace the caller's ${what}; set it in the call`;
}

/** The settings an entry accepts, for "did you mean" on a call option put on the entry itself. */
export const SETTING_NAMES = Object.keys(settingsShape) as (keyof FallbackEntrySettings)[];
