import { fileURLToPath } from 'node:url';
import { type FallbackChainConfig, FallbackConfigError, loadFallbackConfig } from '../../src/config/index';
import { type FakeProvider, type FakeScript, startFakeProvider } from '../../src/testing/index';
import { helpText, parseDemoArgs } from './args';
import { DEMO_PROMPT, type DemoEntryId, faultsThenAnswer, type Scenario } from './scenarios';
import { Terminal } from './terminal';
import { buildTracedChain } from './traced-chain';

/** Where the demo writes and what it reads. */
export interface DemoIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

const CONFIG_PATH = fileURLToPath(new URL('../demo.config.json', import.meta.url));
const CONFIG_NAME = 'examples/demo.config.json';
// Keys for the fake provider only: the real environment's keys are never sent to it.
const FAKE_ENV = { OPENAI_API_KEY: 'fake-key', OPENROUTER_API_KEY: 'fake-key', AZURE_API_KEY: 'fake-key' };
const TOKEN_DELAY_MS = 10;

/** Runs the demo for `argv`; resolves to the exit code. Never throws. */
export async function runDemo(argv: readonly string[], io: DemoIO): Promise<number> {
  const command = parseDemoArgs(argv);
  switch (command.kind) {
    case 'help':
      io.stdout.write(`${helpText()}\n`);
      return 0;
    case 'usage-error':
      io.stderr.write(`demo: ${command.message}\nRun npm run demo -- --help for the options and scenarios.\n`);
      return 2;
  }
  const term = new Terminal(io.stdout, io.env);
  try {
    return command.kind === 'live' ? await runLive(term, io) : await runScenario(term, command.scenario);
  } catch (error) {
    term.spin(undefined);
    io.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    term.spin(undefined);
  }
}

async function runScenario(term: Terminal, scenario: Scenario): Promise<number> {
  const base = loadFallbackConfig(CONFIG_PATH);
  const fake = await startFakeProvider({ tokenDelayMs: TOKEN_DELAY_MS });
  try {
    const config = pointAtFake(scenario.patch?.apply(base) ?? base, fake);
    fake.setScript(scriptFor(scenario, config));
    const chain = buildTracedChain(term, config, FAKE_ENV);
    const { bold, dim } = term.style;
    term.line(`${bold('ai-sdk-fallback demo')} · scenario '${scenario.name}': ${scenario.summary}`);
    term.line(dim(`Fake provider on ${fake.url} (no network, no API keys). Chain from ${CONFIG_NAME}:`));
    describeChain(term, config);
    if (scenario.patch) term.line(dim(`This scenario changes the config: ${scenario.patch.describe}`));
    term.line(dim(`Prompt: "${DEMO_PROMPT}"`));
    term.line();
    const outcome = await chain.run();
    if (outcome.kind === scenario.expect) return 0;
    term.line(`demo: expected this scenario to end with ${scenario.expect}, it ended with ${outcome.kind}`);
    return 1;
  } finally {
    await fake.close();
  }
}

async function runLive(term: Terminal, io: DemoIO): Promise<number> {
  const fromEnv = (io.env.AI_SDK_FALLBACK_CONFIG ?? '').trim() !== '';
  const source = fromEnv ? 'AI_SDK_FALLBACK_CONFIG' : CONFIG_NAME;
  let chain: ReturnType<typeof buildTracedChain>;
  let config: FallbackChainConfig;
  try {
    config = fromEnv ? loadFallbackConfig(undefined, { env: io.env }) : loadFallbackConfig(CONFIG_PATH);
    chain = buildTracedChain(term, config, io.env);
  } catch (error) {
    if (!FallbackConfigError.isInstance(error)) throw error;
    io.stderr.write(error.missingEnv.length > 0 ? missingKeysText(error, source) : `demo: ${error.message}\n`);
    return 1;
  }
  term.line(
    `${term.style.bold('ai-sdk-fallback demo')} · live: real providers, keys from the environment. Chain from ${source}:`,
  );
  describeChain(term, config);
  term.line(term.style.dim(`Prompt: "${DEMO_PROMPT}"`));
  term.line();
  const outcome = await chain.run();
  return outcome.kind === 'answer' ? 0 : 1;
}

function missingKeysText(error: FallbackConfigError, source: string): string {
  const width = Math.max(...error.missingEnv.map(name => name.length));
  const rows = error.missingEnv.map(name => {
    const users = error.issues.filter(issue => issue.message.includes(name)).map(issue => issue.path);
    const alternative = name === 'AZURE_RESOURCE_NAME' ? ' (or give the Azure entry a base_url)' : '';
    return `  ${name.padEnd(width)}  needed by ${users.join(', ')}${alternative}`;
  });
  return [
    `demo: --live calls the real providers of ${source}; these environment variables are not set:`,
    ...rows,
    'Set them and run again, or point AI_SDK_FALLBACK_CONFIG at a config (its JSON or a path) with only the',
    'providers you have keys for. Without --live the demo needs no keys: npm run demo',
    '',
  ].join('\n');
}

/** The demo config with every entry's base URL on the fake server (its port is only known now). */
function pointAtFake(config: FallbackChainConfig, fake: FakeProvider): FallbackChainConfig {
  const urls = { openai: fake.openaiBaseURL, openrouter: fake.openrouterBaseURL, azure: fake.azureBaseURL };
  return { ...config, providers: (config.providers ?? []).map(entry => ({ ...entry, baseURL: urls[entry.provider] })) };
}

/** The scenario's faults, keyed by the model id (Azure: deployment name) the fake sees. */
function scriptFor(scenario: Scenario, config: FallbackChainConfig): FakeScript {
  const script: FakeScript = {};
  for (const entry of config.providers ?? []) {
    const faults = scenario.faults[entry.id as DemoEntryId] ?? [];
    script[entry.model.split('|')[0]!] = faultsThenAnswer(faults);
  }
  return script;
}

function describeChain(term: Terminal, config: FallbackChainConfig): void {
  const entries = [...(config.primary ? [config.primary] : []), ...(config.providers ?? [])];
  const idWidth = Math.max(...entries.map(entry => (entry.id ?? entry.provider).length));
  const modelWidth = Math.max(...entries.map(entry => entry.model.length));
  entries.forEach((entry, index) => {
    const catches =
      index === 0
        ? 'primary'
        : entry.catchErrors
          ? `catches ${entry.catchErrors.join(', ')}`
          : 'catches the default: all but request errors';
    term.line(
      term.style.dim(
        `  ${index + 1}. ${(entry.id ?? entry.provider).padEnd(idWidth)}  ${entry.model.padEnd(modelWidth)}  ${catches}`,
      ),
    );
  });
}
