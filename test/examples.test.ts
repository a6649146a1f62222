import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { canonicalAnswer } from '../src/testing/index';

const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
// Not examples: the runner itself, and the live demo (`npm run demo`, with its own files).
const isExampleFile = (file: string) => file.endsWith('.ts') && file !== 'run-example.ts' && !/^demo\b/.test(file);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run example -- <args>`, as a user runs it (tsx, on the Node that runs the tests). */
function runExample(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, 'examples/run-example.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.once('error', reject);
    child.once('close', code => resolve({ code, stdout, stderr }));
  });
}

/** Runs one example and checks it exited cleanly without leaking the API key it was given. */
async function runOk(name: string): Promise<string> {
  const run = await runExample(name);
  const shown = `exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
  expect(run.code, shown).toBe(0);
  expect(run.stderr, shown).toBe('');
  expect(run.stdout + run.stderr, 'an API key in the output').not.toContain('example-key');
  return run.stdout;
}

describe('examples/*.ts', { timeout: 60_000 }, () => {
  it('--list names every example script in examples/', async () => {
    const run = await runExample('--list');
    expect(run.code).toBe(0);
    const listed = [...run.stdout.matchAll(/^ {2}(\S+) {2}/gm)].map(match => match[1]).sort();
    const files = readdirSync('examples')
      .filter(isExampleFile)
      .map(file => file.replace(/\.ts$/, ''))
      .sort();
    expect(listed).toEqual(files);
    expect(listed.length).toBeGreaterThanOrEqual(7);
  });

  it('an unknown name fails with the list of examples', async () => {
    const run = await runExample('no-such-example');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown example 'no-such-example'");
    expect(run.stderr).toContain('three-providers');
  });

  describe.concurrent('each example runs against the fake provider', () => {
    it('basic: retries the overloaded primary once, then the fallback answers', async () => {
      const out = await runOk('basic');
      expect(out).toMatch(/retry +openai\.chat:gpt-4o attempt 1 failed \(provider-unavailable 503\)/);
      expect(out).toContain('fallback  openai.chat:gpt-4o -> openrouter:openai/gpt-4o-mini (provider-unavailable)');
      expect(out).toContain(`answer    ${canonicalAnswer('openai/gpt-4o-mini')}`);
      expect(out).toContain('model     openai/gpt-4o-mini');
    });

    it('streaming: falls back before the first token, ends with an error after it', async () => {
      const out = await runOk('streaming');
      expect(out).toContain(`   ${canonicalAnswer('openai/gpt-4o-mini')}\n   finishReason: stop`);
      // No text from the failed primary precedes the fallback's answer, and none follows the mid-stream failure.
      expect(out).toContain(
        '2. fails after three tokens\n   Hello from [error part: stream broke]\n   finishReason: error',
      );
    });

    it('three-providers: OpenAI quota, OpenRouter credits, Azure answers', async () => {
      const out = await runOk('three-providers');
      expect(out).toContain('fallback  openai.chat:gpt-4o failed (quota-exceeded 429) -> openrouter:openai/gpt-4o');
      expect(out).toContain('fallback  openrouter:openai/gpt-4o failed (quota-exceeded 402) -> azure-eastus');
      expect(out).toContain('success   azure-eastus after 3 attempts');
      expect(out).toContain(`answer    ${canonicalAnswer('my-gpt-4o-deployment')}`);
      expect(out).toContain(
        'openai gpt-4o: quota | openrouter openai/gpt-4o: credits | azure my-gpt-4o-deployment: ok',
      );
    });

    it('custom-error-mapper: the 404 surfaces by default and falls back with the mapper', async () => {
      const out = await runOk('custom-error-mapper');
      expect(out).toContain('no fallback: the original 404 surfaces: The model `gpt-4.5-preview` does not exist');
      expect(out).toContain(
        'fallback openai.chat:gpt-4.5-preview (provider-unavailable 404) -> openrouter:openai/gpt-4o',
      );
      expect(out).toContain(`answer: ${canonicalAnswer('openai/gpt-4o')}`);
    });

    it("per-model-settings: the fallback is sent its entry's settings, the primary the caller's", async () => {
      const out = await runOk('per-model-settings');
      expect(out).toContain('sent to gpt-4o: temperature 0.7, max_tokens 500, x-title - (auth)');
      expect(out).toContain(
        'sent to meta-llama/llama-3.1-8b-instruct: temperature 0.2, max_tokens 256, x-title ai-sdk-fallback example (ok)',
      );
    });

    it('fallback-metadata: servedBy, attempts and caught for generateText and streamText', async () => {
      const out = await runOk('fallback-metadata');
      expect(out).toContain('generateText: served by openrouter:openai/gpt-4o-mini (entry 1) after 2 attempt(s)');
      expect(out).toContain('  caught openai.chat:gpt-4o: rate-limit 429');
      expect(out).toContain('streamText: served by openai.chat:gpt-4o (entry 0) after 1 attempt(s)');
    });

    it('exhausted-error: every attempt is listed', async () => {
      const out = await runOk('exhausted-error');
      expect(out).toContain('caught AI_FallbackExhaustedError, reason no-fallback');
      expect(out).toContain('tried: openai.chat:gpt-4o, azure');
      expect(out).toContain(
        '  openai.chat:gpt-4o attempt 1: provider-unavailable 500\n  openai.chat:gpt-4o attempt 2: provider-unavailable 500\n  azure attempt 1: auth 401',
      );
      expect(out).toContain('retryable: false');
      expect(out).toContain('All fallback models failed (3 attempt(s) on 2 model(s))');
    });
  });
});
