import { CLASSIFIED_ERROR_TYPES } from '../types/error-type';
import type { CircuitReason, CircuitRecord } from './breaker';

/** The store keys of one entry: the health key is the entry id (a store may add its own prefix). */
export function healthKeys(entryId: string) {
  return {
    circuit: `${entryId}:circuit`,
    failures: `${entryId}:failures`,
    probe: `${entryId}:probe`,
  };
}

const REASONS: readonly CircuitReason[] = ['retry-after', 'failures', 'probe-failed'];

export function encodeCircuit(circuit: CircuitRecord): string {
  return JSON.stringify(circuit);
}

/** A stored circuit, or `undefined` for anything that is not one (another version, a foreign key): unknown means closed. */
export function decodeCircuit(text: string | undefined): CircuitRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<CircuitRecord> | null;
    if (
      typeof value?.until === 'number' &&
      typeof value.cooldownMs === 'number' &&
      REASONS.includes(value.reason as CircuitReason) &&
      (CLASSIFIED_ERROR_TYPES as readonly unknown[]).includes(value.type)
    ) {
      return { until: value.until, cooldownMs: value.cooldownMs, reason: value.reason!, type: value.type! };
    }
  } catch {
    // fall through: not ours
  }
  return undefined;
}

export function decodeCount(text: string | undefined): number {
  const count = Number(text);
  return Number.isInteger(count) && count > 0 ? count : 0;
}
