import { z } from 'zod/v4';
import { didYouMean } from '../errors/did-you-mean';
import type { FallbackCallOptions } from '../types';
import { configSchema, explain, fail, type Issue } from './options-schema';

const PREFIX = 'ai-sdk-fallback: invalid call options';
const ROOT = 'providerOptions.fallback';

/** The per-call settings: the chain's own field schemas, and the entries of this call by id. */
export const callOptionsSchema = configSchema
  .pick({ enabled: true, maxRetriesPerModel: true, timeouts: true, midStream: true, commit: true })
  .extend({
    entries: z
      .array(z.string({ error: 'expected an entry id' }), { error: 'expected an array of entry ids' })
      .min(1, 'expected at least one entry id')
      .optional(),
  });

/**
 * Validates `providerOptions.fallback` of one call against the chain's entry
 * ids, throwing one {@link FallbackConfigError} that names every bad field, the
 * closest known name of an unknown one, and the known ids for an unknown entry.
 */
export function parseCallOptions(value: unknown, ids: readonly string[]): FallbackCallOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(PREFIX, [{ path: [], message: 'expected an object of fallback settings' }], ROOT);
  }
  const parsed = callOptionsSchema.safeParse(value);
  if (!parsed.success) fail(PREFIX, explain(parsed.error.issues, callOptionsSchema), ROOT);
  const issues = (parsed.data.entries ?? []).flatMap((id, index, all): Issue[] => {
    const path = ['entries', index];
    if (!ids.includes(id)) {
      const known = ids.map(known => `'${known}'`).join(', ');
      return [{ path, message: `unknown entry id${didYouMean(id, ids)}; the chain's entries are ${known}` }];
    }
    return all.indexOf(id) < index ? [{ path, message: `'${id}' is listed twice` }] : [];
  });
  if (issues.length > 0) fail(PREFIX, issues, ROOT);
  return parsed.data;
}
