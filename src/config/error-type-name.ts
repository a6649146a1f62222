import { z } from 'zod/v4';
import { didYouMean } from '../errors/did-you-mean';
import { FallbackErrorType } from '../types/error-type';

/**
 * An error type as a config may spell it: the value (`'rate-limit'`) or the
 * original design's name, which is the key of {@link FallbackErrorType}
 * (`'RateLimit'`, `'ProviderQuotaExceeded'`, `'All'`).
 */
export type FallbackErrorTypeName = FallbackErrorType | keyof typeof FallbackErrorType;

const VALUES = Object.values(FallbackErrorType) as FallbackErrorType[];
const NAMES = Object.keys(FallbackErrorType) as (keyof typeof FallbackErrorType)[];
const ACCEPTED = [...VALUES, ...NAMES] as [FallbackErrorTypeName, ...FallbackErrorTypeName[]];

const quoted = (items: readonly string[]) => items.map(item => `'${item}'`).join(', ');

/** Accepts either spelling and yields the value. */
export const errorTypeNameSchema = z
  .enum(ACCEPTED, {
    error: issue =>
      `expected an error type${didYouMean(issue.input, ACCEPTED)}: one of ${quoted(VALUES)}, or one of the original names ${quoted(NAMES)}`,
  })
  .transform(name => toErrorType(name));

/** `'RateLimit'` → `'rate-limit'`; values pass through. */
export function toErrorType(name: FallbackErrorTypeName): FallbackErrorType {
  return (FallbackErrorType as Record<string, FallbackErrorType>)[name] ?? (name as FallbackErrorType);
}

export const errorTypeListSchema = z.array(errorTypeNameSchema, { error: 'expected an array of error types' });
