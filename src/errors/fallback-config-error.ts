/** One problem found in a config. */
export interface FallbackConfigIssue {
  /** Where, as the config spells it: `providers[1].catch_errors[0]` (empty for the config as a whole). */
  path: string;
  /** What was expected; never the value found. */
  message: string;
}

/**
 * A config that cannot become a chain: invalid fields, missing API keys, a
 * provider package that is not installed, a file that cannot be read.
 * Thrown at construction, never at the first request. Messages name fields
 * and environment variables, never their values.
 */
export class FallbackConfigError extends TypeError {
  override readonly name = 'FallbackConfigError';
  /** Every problem found, in config order. */
  readonly issues: FallbackConfigIssue[];
  /** Environment variables that must be set (API keys, `AZURE_RESOURCE_NAME`), without duplicates. */
  readonly missingEnv: string[];

  constructor(
    message: string,
    { issues = [], missingEnv = [] }: { issues?: FallbackConfigIssue[]; missingEnv?: string[] } = {},
  ) {
    super(message);
    this.issues = issues;
    this.missingEnv = [...new Set(missingEnv)];
  }

  /** True for a `FallbackConfigError` from any copy of this package. */
  static isInstance(error: unknown): error is FallbackConfigError {
    return (
      error instanceof Error &&
      error.name === 'FallbackConfigError' &&
      Array.isArray((error as FallbackConfigError).issues)
    );
  }
}

/** `prefix:` followed by one indented line per issue. */
export function issuesMessage(prefix: string, issues: readonly FallbackConfigIssue[]): string {
  return `${prefix}:\n${issues.map(({ path, message }) => `  ${path === '' ? '' : `${path}: `}${message}`).join('\n')}`;
}
