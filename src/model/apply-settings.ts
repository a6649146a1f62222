import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import type { FallbackEntrySettings } from '../types';
import { definedOnly } from '../util/defined-only';

/**
 * The call options one entry receives: its own settings override the
 * caller's, `providerOptions` and `headers` merge per key, and the attempt's
 * signal replaces the caller's (it is linked to it).
 */
export function applySettings(
  options: LanguageModelV4CallOptions,
  settings: FallbackEntrySettings | undefined,
  abortSignal: AbortSignal,
): LanguageModelV4CallOptions {
  if (settings === undefined) return { ...options, abortSignal };
  const { providerOptions, headers, ...rest } = settings;
  const merged: LanguageModelV4CallOptions = { ...options, ...definedOnly(rest), abortSignal };
  if (headers !== undefined) merged.headers = { ...options.headers, ...headers };
  if (providerOptions !== undefined) {
    const byProvider = { ...options.providerOptions };
    for (const [provider, values] of Object.entries(providerOptions)) {
      byProvider[provider] = { ...byProvider[provider], ...values };
    }
    merged.providerOptions = byProvider;
  }
  return merged;
}
