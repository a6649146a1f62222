import { parseArgs } from 'node:util';
import { closestMatch } from '../../src/errors/did-you-mean';
import { SCENARIOS, type Scenario } from './scenarios';

/** What the command line asks for. */
export type DemoCommand =
  | { kind: 'help' }
  | { kind: 'scenario'; scenario: Scenario }
  | { kind: 'live' }
  | { kind: 'usage-error'; message: string };

/** Reads `--scenario <name>`, `--live` and `--help`; anything else is a usage error, never a stack trace. */
export function parseDemoArgs(argv: readonly string[]): DemoCommand {
  let values: { help?: boolean; live?: boolean; scenario?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', short: 'h' },
        live: { type: 'boolean' },
        scenario: { type: 'string', short: 's' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'usage-error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  if (values.live) {
    if (values.scenario !== undefined) {
      return {
        kind: 'usage-error',
        message: '--scenario scripts the fake provider; it cannot be combined with --live',
      };
    }
    return { kind: 'live' };
  }
  const name = values.scenario ?? 'default';
  const scenario = SCENARIOS.find(candidate => candidate.name === name);
  if (scenario !== undefined) return { kind: 'scenario', scenario };
  const names = SCENARIOS.map(candidate => candidate.name);
  const guess = closestMatch(name, names);
  return {
    kind: 'usage-error',
    message: `unknown scenario '${name}'${guess === undefined ? '' : ` (did you mean '${guess}'?)`}; one of: ${names.join(', ')}`,
  };
}

/** The `--help` text, with every scenario. */
export function helpText(): string {
  const width = Math.max(...SCENARIOS.map(scenario => scenario.name.length));
  return [
    'Usage: npm run demo [-- --scenario <name>] [-- --live] [-- --help]',
    '',
    'Runs the fallback chain of examples/demo.config.json (OpenAI → OpenRouter → Azure) against',
    'a fake provider on 127.0.0.1 (no network, no API keys) and prints what the chain does as it',
    'happens: attempts, errors and how they were classified, waits, fallbacks, who answered.',
    '',
    'Options:',
    '  -s, --scenario <name>  the faults the fake provider plays (default: default)',
    '      --live             call the real providers, with OPENAI_API_KEY, OPENROUTER_API_KEY,',
    '                         AZURE_API_KEY and AZURE_RESOURCE_NAME from the environment;',
    '                         AI_SDK_FALLBACK_CONFIG may hold another config (its JSON or a path)',
    '  -h, --help             this text',
    '',
    'Scenarios:',
    ...SCENARIOS.map(scenario => `  ${scenario.name.padEnd(width)}  ${scenario.summary}`),
    '',
    'Colour is used when stdout is a terminal and NO_COLOR is not set.',
  ].join('\n');
}
