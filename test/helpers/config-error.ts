import { expect } from 'vitest';
import { FallbackConfigError } from '../../src/config/index';

/** The `FallbackConfigError` (a `TypeError`) that `build` throws; fails the test when it throws nothing or something else. */
export function configErrorOf(build: () => unknown): FallbackConfigError {
  try {
    build();
  } catch (error) {
    expect(FallbackConfigError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(TypeError);
    return error as FallbackConfigError;
  }
  throw new Error('expected the options to be refused');
}

/** The issues of the `FallbackConfigError` that `build` throws. */
export function issuesOf(build: () => unknown): { path: string; message: string }[] {
  return configErrorOf(build).issues;
}
