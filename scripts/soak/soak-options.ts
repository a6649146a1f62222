/** What one soak run does; every field has a default. */
export interface SoakOptions {
  /** Seeds every random choice: the same seed replays the same faults. */
  seed: number;
  /** Calls to make in total. */
  requests: number;
  /** Calls in flight at once. */
  concurrency: number;
}

/** The full-size run: 2,000 calls, 200 at a time. */
export const DEFAULT_SOAK: Omit<SoakOptions, 'seed'> = { requests: 2_000, concurrency: 200 };

const FLAGS: Record<string, keyof SoakOptions> = {
  '--seed': 'seed',
  '--requests': 'requests',
  '--concurrency': 'concurrency',
};

/**
 * Reads `--seed N`, `--requests N` and `--concurrency N` (also `--flag=N`). A missing seed is
 * drawn at random, so every run explores new faults; the seed is printed to replay it.
 */
export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const options: Partial<SoakOptions> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const key = FLAGS[flag!];
    if (key === undefined) {
      throw new Error(`soak: unknown argument '${arg}'; expected --seed N, --requests N or --concurrency N`);
    }
    const raw = inline ?? argv[++index];
    const value = Number(raw);
    const min = key === 'seed' ? 0 : 1;
    if (raw === undefined || raw === '' || !Number.isSafeInteger(value) || value < min) {
      throw new Error(
        `soak: ${flag}: expected a whole number >= ${min}, got ${raw === undefined ? 'nothing' : `'${raw}'`}`,
      );
    }
    options[key] = value;
  }
  return {
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    requests: options.requests ?? DEFAULT_SOAK.requests,
    concurrency: options.concurrency ?? DEFAULT_SOAK.concurrency,
  };
}
