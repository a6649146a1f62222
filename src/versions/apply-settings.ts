import type { FallbackEntrySettings, FallbackKindSettings } from '../types';
import { definedOnly } from '../util/defined-only';

/** Call option names of a spec version that differ from the V4 names entry settings use. */
export type SettingNames = Partial<Record<keyof FallbackEntrySettings, string>>;

type MergeableOptions = {
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
};

/**
 * The call options one entry receives: its own settings override the
 * caller's, `providerOptions` and `headers` merge per key, and the attempt's
 * signal replaces the caller's (it is linked to it). `names` maps a setting to
 * the version's option (V1: `maxOutputTokens` is `maxTokens`, `providerOptions`
 * is `providerMetadata`).
 */
export function applySettings<OPTIONS extends MergeableOptions>(
  options: OPTIONS,
  settings: FallbackEntrySettings | FallbackKindSettings | undefined,
  abortSignal: AbortSignal,
  names: SettingNames = {},
): OPTIONS {
  if (settings === undefined) return { ...options, abortSignal };
  const { providerOptions, headers, ...rest } = settings;
  const renamed = Object.fromEntries(
    Object.entries(definedOnly(rest)).map(([key, value]) => [names[key as keyof FallbackEntrySettings] ?? key, value]),
  );
  const merged: OPTIONS = { ...options, ...renamed, abortSignal };
  if (headers !== undefined) merged.headers = { ...options.headers, ...headers };
  if (providerOptions !== undefined) {
    const key = names.providerOptions ?? 'providerOptions';
    const current = (options as Record<string, unknown>)[key] as Record<string, Record<string, unknown>> | undefined;
    const byProvider = { ...current };
    for (const [provider, values] of Object.entries(providerOptions)) {
      byProvider[provider] = { ...byProvider[provider], ...values };
    }
    (merged as Record<string, unknown>)[key] = byProvider;
  }
  return merged;
}
