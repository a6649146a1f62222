import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_ANSWER, SCENARIOS } from '../examples/demo/scenarios';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const KEYS = ['OPENAI_API_KEY', 'OPENROUTER_API_KEY', 'AZURE_API_KEY', 'AZURE_RESOURCE_NAME', 'AI_SDK_FALLBACK_CONFIG'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx examples/demo.ts ...args` with stdout piped (not a TTY) and no provider keys in the environment. */
function demo(...args: string[]): Promise<Run> {
  const env = { ...process.env };
  for (const key of KEYS) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, 'examples/demo.ts', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    // 'close' only comes once the process has exited by itself: a dangling handle would hang the test.
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
}

/** The trace lines without their `+1.23s` timestamps. */
function lines(output: string): string[] {
  return output.split('\n').map(line => line.replace(/^\+\s*\d+\.\d+s {2}/, ''));
}

describe('npm run demo', { timeout: 60_000 }, () => {
  it('default: prints each attempt, retry, fallback and who answered, then the text and a summary, as plain text', async () => {
    const run = await demo();

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const trace = lines(run.stdout);
    const expected = [
      /^attempt 1 {2}openai +gpt-4o-mini$/,
      /^ {2}✗ rate-limit · HTTP 429 · /,
      /^ {2}↻ retry openai in 1\.00s \(Retry-After\)$/,
      /^attempt 2 {2}openai +gpt-4o-mini$/,
      /^ {2}↪ fall back from openai to openrouter \(openai\/gpt-4o-mini\)$/,
      /^attempt 3 {2}openrouter openai\/gpt-4o-mini$/,
      /^ {2}✗ provider-unavailable · HTTP 503 · /,
      /^ {2}↻ retry openrouter in 0\.20s \(backoff\)$/,
      /^ {2}↪ fall back from openrouter to azure \(gpt-4o-mini-prod\)$/,
      /^attempt 5 {2}azure +gpt-4o-mini-prod\|2024-10-21$/,
      /^ {2}✓ azure \(azure\.chat gpt-4o-mini-prod\) answers: first output at \d+\.\d+s, attempt 5$/,
      /^Answer \(streamed\):$/,
      new RegExp(`^${DEMO_ANSWER.replace(/[()]/g, '\\$&')}$`),
      /^Summary$/,
      /^ {2}1 {2}openai {6}gpt-4o-mini +2 +✗ rate-limit 429, ✗ rate-limit 429$/,
      /^ {2}2 {2}openrouter {2}openai\/gpt-4o-mini +2 +✗ provider-unavailable 503, ✗ provider-unavailable 503$/,
      /^ {2}3 {2}azure +gpt-4o-mini-prod\|2024-10-21 +1 +✓ answered$/,
      /^ {2}Answered by azure \(gpt-4o-mini-prod\) after 5 attempt\(s\) in \d+\.\d+s; finish reason 'stop'\.$/,
    ];
    // In this order, each matched by a later line than the one before.
    let at = 0;
    for (const pattern of expected) {
      const found = trace.findIndex((line, index) => index >= at && pattern.test(line));
      expect(found, `no line matching ${pattern} after line ${at}:\n${run.stdout}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    // Piped output is plain: no colours, no spinner frames, no carriage returns.
    expect(run.stdout).not.toContain(String.fromCharCode(27));
    expect(run.stdout).not.toMatch(/\r|⠋/);
  });

  it('all-fail: every attempt fails and the chain gives up, which is what the scenario shows (exit 0)', async () => {
    const run = await demo('--scenario', 'all-fail');

    expect(run.code).toBe(0);
    const trace = lines(run.stdout);
    expect(trace.filter(line => /^attempt \d/.test(line))).toHaveLength(6);
    expect(trace).toContain('✗ the chain gave up: 6 attempts failed (no-fallback)');
    expect(trace).not.toContain('Answer (streamed):');
    expect(run.stdout).toMatch(/No answer after 6 attempt\(s\)/);
  });

  it('stream-continue: a stream cut after its first words is continued by the next entry', async () => {
    const run = await demo('--scenario', 'stream-continue');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /openai failed mid-stream \(network\) after \d+ characters; asking openrouter to continue/,
    );
    expect(run.stdout).toMatch(
      /attempt 2 {2}openrouter openai\/gpt-4o-mini {2}\(continuing the text received so far\)/,
    );
    // The text before and after the trace lines is the one answer, not two spliced.
    const text = lines(run.stdout)
      .filter(
        line =>
          !/^(attempt|\s+[✓✗↪↻]|Answer|Summary|\s+\d|\s+#|\s+Answered|ai-sdk|Fake|Prompt|This scenario|\s*$)/.test(
            line,
          ),
      )
      .join('');
    expect(text).toBe(DEMO_ANSWER);
    expect(run.stdout).toMatch(/Answered by openai \(gpt-4o-mini\), continued by openrouter \(openai\/gpt-4o-mini\)/);
  });

  it('--live without keys names the missing variables and exits non-zero without a stack trace', async () => {
    const run = await demo('--live');

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    for (const name of ['OPENAI_API_KEY', 'OPENROUTER_API_KEY', 'AZURE_API_KEY', 'AZURE_RESOURCE_NAME']) {
      expect(run.stderr).toMatch(new RegExp(`^ {2}${name} +needed by providers\\[\\d\\]`, 'm'));
    }
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help lists every scenario; a misspelt one is a usage error with a suggestion', async () => {
    const help = await demo('--help');
    expect(help.code).toBe(0);
    for (const scenario of SCENARIOS)
      expect(help.stdout).toMatch(new RegExp(`^ {2}${scenario.name} +${scenario.summary.slice(0, 20)}`, 'm'));

    const typo = await demo('--scenario', 'al-fail');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("demo: unknown scenario 'al-fail' (did you mean 'all-fail'?)");
  });
});
