import type { FallbackLogger } from '../types';

const SILENT: FallbackLogger = {};
const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * The user's logger with each method guarded: a logger that throws is
 * ignored, as a throwing event handler is, so logging can never break a call
 * (a lost log line is better than a lost fallback). Methods the logger does
 * not have stay absent, so nothing is formatted for them.
 */
export function guardLogger(logger: FallbackLogger | undefined): FallbackLogger {
  if (logger === undefined) return SILENT;
  const guarded: FallbackLogger = {};
  for (const level of LEVELS) {
    const method = logger[level];
    if (typeof method !== 'function') continue;
    guarded[level] = (...args) => {
      try {
        method.apply(logger, args);
      } catch {
        // Nowhere safe is left to report it: the logger is the reporting channel.
      }
    };
  }
  return guarded;
}
