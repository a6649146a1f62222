// Every default the documentation states is the one `DEFAULTS` holds: the README's options, entry and
// error-type tables (with the result checks' rows of docs/results.md), the timeouts table of docs/streaming.md, the circuit breaker table of
// docs/health.md and the fields of docs/configuration.md. A default changed in code and not in the
// docs (or the other way round) fails here, and so does a new row nobody mapped to `DEFAULTS`.
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/chain/defaults';
import { resolveOptions } from '../../src/chain/options';
import { parseChainConfig } from '../../src/config/parse-chain-config';
import { CLASSIFIED_ERROR_TYPES } from '../../src/types/error-type';
import { fencedBlocks, readPage } from '../helpers/markdown-blocks';

/** One markdown table: its header cells and its body rows, cells trimmed and `\|` unescaped. */
interface Table {
  header: string[];
  rows: string[][];
}

function tablesOf(markdown: string): Table[] {
  const lines = markdown.split('\n');
  const tables: Table[] = [];
  const cells = (line: string) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map(cell => cell.trim().replace(/\\\|/g, '|'));
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.startsWith('|') || !/^\|[\s\-:|]+\|$/.test(lines[i + 1]!)) continue;
    const table: Table = { header: cells(lines[i]!), rows: [] };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j++) table.rows.push(cells(lines[j]!));
    tables.push(table);
    i = j;
  }
  return tables;
}

/** The table of `page` whose first header cell is `first` (the `which`-th of them). */
function tableOf(page: string, first: string, which = 0): Table {
  const found = tablesOf(readPage(page)).filter(table => table.header[0] === first)[which];
  if (found === undefined) throw new Error(`${page}: no table headed '${first}' (#${which + 1})`);
  return found;
}

/** The first code span of a cell, or `undefined`. */
const codeOf = (cell: string) => /`([^`]+)`/.exec(cell)?.[1];

/** The option a row names: the first code span of its first cell (`maxRetriesPerProvider (max_retries_…)`). */
const optionOf = (row: string[]) => codeOf(row[0]!) ?? row[0]!;

/**
 * A stated default as a value: the first code span, or the text before a parenthesis
 * (`600 000 (10 min)`); digits grouped with spaces are one number; `'error'` is a string,
 * `['rate-limit', …]` a list.
 */
function statedValue(cell: string): unknown {
  const text = (codeOf(cell) ?? cell.replace(/\(.*$/, '')).trim();
  const digits = text.replace(/[\s_]/g, '');
  if (/^\d+(\.\d+)?$/.test(digits)) return Number(digits);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (/^\[.*\]$/.test(text)) return JSON.parse(text.replace(/'/g, '"'));
  return text;
}

/** `DEFAULTS` at a dotted path (`timeouts.requestMs`), or `undefined` when it has nothing there. */
function defaultAt(path: string): unknown {
  let value: unknown = DEFAULTS;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Every leaf path of `DEFAULTS` (`backoff.jitter`); lists are leaves. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

/**
 * `maxCooldownMs` is derived: without it, `max(cooldownMs, DEFAULTS.circuitBreaker.maxCooldownMs)`.
 * With the default cooldown that is the number a table shows, and the row must say the rule
 * ("at least `cooldownMs`"), which the resolved options must follow.
 */
const MAX_COOLDOWN = 'circuitBreaker.maxCooldownMs';
const derivedMaxCooldownMs = Math.max(DEFAULTS.circuitBreaker.cooldownMs, DEFAULTS.circuitBreaker.maxCooldownMs);

/**
 * Checks each row of `table` (the option in its first column, the default in its second): an
 * option `DEFAULTS` has (under `prefix`, or renamed by `aliases`) must show its value; any other
 * must be in `stated`, with the text its cell shows. Returns the `DEFAULTS` paths the rows named,
 * for the caller's coverage checks.
 */
function checkRows(
  table: Table,
  {
    prefix = '',
    aliases = {},
    stated = {},
  }: { prefix?: string; aliases?: Record<string, string>; stated?: Record<string, string> },
): string[] {
  const shown: [string, unknown][] = [];
  const expected: [string, unknown][] = [];
  const paths: string[] = [];
  for (const row of table.rows) {
    const option = optionOf(row);
    const cell = row[1]!;
    const path = aliases[option] ?? `${prefix}${option}`;
    if (option in stated) {
      shown.push([option, cell]);
      expected.push([option, stated[option]!]);
      continue;
    }
    paths.push(path);
    if (path === MAX_COOLDOWN) {
      shown.push([option, [statedValue(cell), row.join(' ').includes('at least `cooldownMs`')]]);
      expected.push([option, [derivedMaxCooldownMs, true]]);
      continue;
    }
    shown.push([option, statedValue(cell)]);
    expected.push([
      option,
      defaultAt(path) ?? `nothing: '${path}' is not in DEFAULTS (map the row, or state its text)`,
    ]);
  }
  expect(shown).toEqual(expected);
  return paths;
}

const NO_DEFAULT = '–';
/** The options of embedding, image, … chains, whose table is in docs/beyond-chat.md. */
const KIND_OPTIONS = ['allowMixedDimensions'];

/** Groups of settings the README's options table shows as one row; the page that has their table, checked on its own. */
const GROUPS: Record<string, { stated: string; page: string }> = {
  timeouts: { stated: '10, 5, 5 and 20 min', page: 'docs/streaming.md' },
  circuitBreaker: { stated: 'on', page: 'docs/health.md' },
  telemetry: { stated: 'on when an OpenTelemetry provider is registered', page: 'docs/telemetry.md' },
  hedge: { stated: 'off', page: 'docs/hedging.md' },
};

describe('the defaults the documentation states are DEFAULTS', () => {
  it('README.md: the options table, every option of DEFAULTS included', () => {
    const paths = checkRows(tableOf('README.md', 'option'), {
      stated: {
        // A group of settings in one row; its page's table states each of them (checked below).
        ...Object.fromEntries(Object.entries(GROUPS).map(([group, { stated }]) => [group, stated])),
        checkResult: NO_DEFAULT,
        classifyError: NO_DEFAULT,
        logger: 'silent',
      },
    });
    // `catchErrors` and `preparePrompt` are entry fields: the entry table states them. The other kinds' options: docs/beyond-chat.md.
    const chainLevel = leafPaths(DEFAULTS).filter(
      path =>
        path !== 'catchErrors' &&
        path !== 'preparePrompt' &&
        !Object.keys(GROUPS).includes(path.split('.')[0]!) &&
        !KIND_OPTIONS.includes(path),
    );
    expect([...paths].sort()).toEqual([...chainLevel].sort());
    // Each group's row links to the page whose table states its settings.
    const rows = tableOf('README.md', 'option').rows;
    for (const [group, { page }] of Object.entries(GROUPS)) {
      expect(rows.find(row => optionOf(row) === group)?.join(' '), group).toContain(`(${page}`);
    }
  });

  it('docs/results.md: the result options table', () => {
    checkRows(tableOf('docs/results.md', 'option'), { stated: { checkResult: NO_DEFAULT } });
  });

  it("docs/beyond-chat.md: the other kinds' options", () => {
    const paths = checkRows(tableOf('docs/beyond-chat.md', 'option'), { stated: { kind: 'detected from the models' } });
    expect(paths).toEqual(KIND_OPTIONS);
  });

  it('README.md: the entry table, `catchErrors` as the types it leaves out', () => {
    const table = tableOf('README.md', 'entry field');
    const catchErrors = table.rows.find(row => optionOf(row) === 'catchErrors')!;
    expect(catchErrors[1]).toMatch(/^all but /);
    const leftOut = [...catchErrors[1]!.matchAll(/`([^`]+)`/g)].map(match => match[1]);
    expect(CLASSIFIED_ERROR_TYPES.filter(type => !leftOut.includes(type))).toEqual([...DEFAULTS.catchErrors]);
    checkRows(
      { ...table, rows: table.rows.filter(row => row !== catchErrors) },
      {
        stated: {
          model: 'required',
          id: '`provider:modelId` (`#2`, `#3` for repeats)',
          // Not a value: the chain option of that name, whose default the options table states.
          maxRetries: '`maxRetriesPerModel`',
          settings: NO_DEFAULT,
          timeouts: "the chain's",
          commit: "the chain's",
          checkResult: "the chain's",
          hedge: NO_DEFAULT,
        },
      },
    );
  });

  it('README.md: the error-type table, every type, caught and retried by default (and docs/results.md)', () => {
    const yesNo = (yes: boolean) => (yes ? 'yes' : 'no');
    const check = (table: Table) => {
      const shown = table.rows.map(row => [codeOf(row[0]!), row[2], row[3]]);
      const expected = table.rows.map(row => {
        const type = codeOf(row[0]!) as (typeof CLASSIFIED_ERROR_TYPES)[number];
        return [type, yesNo(DEFAULTS.catchErrors.includes(type)), yesNo(DEFAULTS.retryOn.includes(type))];
      });
      expect(shown).toEqual(expected);
      return shown.map(([type]) => type);
    };
    expect(check(tableOf('README.md', 'type')).sort()).toEqual([...CLASSIFIED_ERROR_TYPES].sort());
    check(tableOf('docs/results.md', 'type'));
  });

  it('docs/streaming.md: the timeouts table, every clock included', () => {
    const paths = checkRows(tableOf('docs/streaming.md', '`timeouts.`'), { prefix: 'timeouts.' });
    expect(paths.sort()).toEqual(leafPaths(DEFAULTS.timeouts, 'timeouts').sort());
  });

  it('docs/health.md: the circuitBreaker table, every setting included', () => {
    const paths = checkRows(tableOf('docs/health.md', '`circuitBreaker` option'), {
      prefix: 'circuitBreaker.',
      stated: { store: 'a `memoryHealthStore()` of this `withFallback`' },
    });
    expect(paths.sort()).toEqual(leafPaths(DEFAULTS.circuitBreaker, 'circuitBreaker').sort());
  });

  it('docs/telemetry.md: the options table, every setting included', () => {
    const paths = checkRows(tableOf('docs/telemetry.md', 'option'), {
      stated: { 'telemetry.tracer': NO_DEFAULT, 'telemetry.meter': NO_DEFAULT },
    });
    expect(paths.sort()).toEqual(leafPaths(DEFAULTS.telemetry, 'telemetry').sort());
  });

  it('docs/hedging.md: the hedge table, every setting included', () => {
    const paths = checkRows(tableOf('docs/hedging.md', '`hedge` option'), {
      prefix: 'hedge.',
      stated: { afterMs: 'required' },
    });
    expect(paths.sort()).toEqual(leafPaths(DEFAULTS.hedge, 'hedge').sort());
  });

  it('docs/configuration.md: the fields table', () => {
    const asWithFallback = 'as `withFallback`';
    checkRows(tableOf('docs/configuration.md', 'field', 0), {
      aliases: { maxRetriesPerProvider: 'maxRetriesPerModel' },
      stated: {
        primary: NO_DEFAULT,
        providers: NO_DEFAULT,
        backoff: asWithFallback,
        timeouts: asWithFallback,
        circuitBreaker: asWithFallback,
        hedge: 'off',
      },
    });
  });

  it('docs/configuration.md: the fields the camelCase config leaves out as defaults are the defaults', () => {
    const [snake, camel] = fencedBlocks(readPage('docs/configuration.md'))
      .filter(block => block.heading === 'The config file' && block.lang === 'json')
      .map(block => {
        const { primary: _, providers: __, ...chain } = parseChainConfig(JSON.parse(block.code), 'docs');
        return chain as Record<string, unknown>;
      });
    const given = (config: Record<string, unknown>, path: string) => {
      let value: unknown = config;
      for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
      return value;
    };
    const leftOut = leafPaths(snake).filter(path => given(camel!, path) === undefined);
    expect(leftOut.length).toBeGreaterThan(0);
    expect(Object.fromEntries(leftOut.map(path => [path, given(snake!, path)]))).toEqual(
      Object.fromEntries(
        leftOut.map(path => [path, defaultAt(path.replace(/^maxRetriesPerProvider$/, 'maxRetriesPerModel'))]),
      ),
    );
  });

  it('maxCooldownMs follows the rule the tables state: the default, and at least cooldownMs', () => {
    const breaker = (config?: Parameters<typeof resolveOptions>[0]) => {
      const resolved = resolveOptions(config).circuitBreaker;
      if (resolved === false) throw new Error('the circuit breaker is on by default');
      return resolved;
    };
    expect(breaker().maxCooldownMs).toBe(derivedMaxCooldownMs);
    const longCooldownMs = DEFAULTS.circuitBreaker.maxCooldownMs * 2;
    expect(breaker({ circuitBreaker: { cooldownMs: longCooldownMs } }).maxCooldownMs).toBe(longCooldownMs);
  });
});
