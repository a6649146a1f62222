import { FallbackConfigError } from '../errors/fallback-config-error';
import type { AnySpecAdapter } from './adapter';
import { SPEC_LABELS } from './spec-version';

/**
 * Fails at construction when an entry sets a call option its spec version
 * does not have (`reasoning` before V4): the setting would be silently lost.
 */
export function refuseUnsupportedSettings(
  entries: readonly { index: number; settings?: object | undefined }[],
  adapter: AnySpecAdapter,
  { caller = 'withFallback', root = 'models' } = {},
): void {
  for (const entry of entries) {
    for (const setting of adapter.unsupportedSettings as readonly string[]) {
      if (entry.settings !== undefined && (entry.settings as Record<string, unknown>)[setting] !== undefined) {
        const path = `${root}[${entry.index}].settings.${setting}`;
        const message = `${SPEC_LABELS[adapter.version]} models have no '${setting}' call option; set it through providerOptions instead`;
        throw new FallbackConfigError(`${caller}: ${path}: ${message}`, { issues: [{ path, message }] });
      }
    }
  }
}
