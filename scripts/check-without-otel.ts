/**
 * Part of `npm run check:package`, after the build: the built package, copied into a temporary folder where
 * `@opentelemetry/api` cannot be resolved, loads with `import` and `require` and serves a fallback through the
 * real `@ai-sdk/openai` against its own fake provider. Then, with a tracer provider registered in the API's
 * global registry by hand (what `@opentelemetry/api` would put there), the same built package records its spans:
 * the telemetry needs the application's registration, never the API package itself.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Symlinked from this repository: Node resolves their own dependencies from where they really are.
const LINKED = ['ai', '@ai-sdk/provider', 'zod', '@ai-sdk/openai'];

const CHILD = `
import { createRequire } from 'node:module';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { withFallback } from 'ai-sdk-fallback';
import { startFakeProvider } from 'ai-sdk-fallback/testing';

const require = createRequire(import.meta.url);
const fromPackage = createRequire(require.resolve('ai-sdk-fallback'));
for (const resolver of [require, fromPackage]) {
  try {
    resolver.resolve('@opentelemetry/api');
    throw new Error('@opentelemetry/api is resolvable');
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
  }
}
if (typeof require('ai-sdk-fallback').withFallback !== 'function') throw new Error('require found no withFallback');

const fake = await startFakeProvider();
fake.setScript({ primary: 'server-error' });
const model = withFallback(
  ['primary', 'backup'].map(id => createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' }).chat(id)),
  { maxRetriesPerModel: 0, circuitBreaker: false },
);
const served = [];
const generated = await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
served.push(generated.providerMetadata.fallback.servedBy.modelId);
const streamed = streamText({ model, prompt: 'Say hello.', maxRetries: 0 });
await streamed.consumeStream();
served.push((await streamed.providerMetadata).fallback.servedBy.modelId);

// What trace.setGlobalTracerProvider() registers, written by hand: a provider of tracers of spans.
const ended = [];
const span = name => ({
  setAttribute() {},
  addEvent() {},
  setStatus() {},
  isRecording: () => true,
  end: () => ended.push(name),
});
globalThis[Symbol.for('opentelemetry.js.api.1')] = {
  version: '1.9.0',
  trace: { getTracer: () => ({ startSpan: name => span(name) }) },
};
await generateText({ model, prompt: 'Say hello.', maxRetries: 0 });
await fake.close();
console.log(JSON.stringify({ served, ended }));
`;

/** Runs the check; returns what went wrong, or nothing. */
export async function checkWithoutOtel(root: string): Promise<string | undefined> {
  const folder = mkdtempSync(join(tmpdir(), 'ai-sdk-fallback-no-otel-'));
  try {
    const installed = join(folder, 'node_modules', 'ai-sdk-fallback');
    mkdirSync(installed, { recursive: true });
    cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(installed, 'package.json'));
    for (const name of LINKED) {
      const link = join(folder, 'node_modules', name);
      mkdirSync(join(link, '..'), { recursive: true });
      symlinkSync(join(root, 'node_modules', name), link, 'dir');
    }
    writeFileSync(join(folder, 'main.mjs'), CHILD);
    const { stdout } = await promisify(execFile)(process.execPath, ['main.mjs'], { cwd: folder, timeout: 30_000 });
    const { served, ended } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { served: string[]; ended: string[] };
    if (served.join() !== 'backup,backup') return `the fallback did not serve: ${served.join()}`;
    const expected = ['ai_sdk_fallback.attempt', 'ai_sdk_fallback.attempt', 'ai_sdk_fallback.call'];
    if (ended.join() !== expected.join()) return `spans ended: ${ended.join()}, expected ${expected.join()}`;
    return undefined;
  } catch (error) {
    return String((error as { stderr?: string }).stderr || error);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
