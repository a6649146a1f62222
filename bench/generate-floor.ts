/**
 * The floor of a spec-level `doGenerate` wrapper with this package's guarantees, per call, against
 * calling the model directly:
 *
 *   npx tsx bench/generate-floor.ts
 *
 * `guarantees` does only what every call of this package must: an abort controller for the
 * attempt (so a timed-out attempt's request is cancelled), one clock read (its clocks start
 * there), a race of the answer against that abort (a model that ignores its signal cannot hold
 * the call), and the `providerMetadata.fallback` record; no clocks armed, no health, no options,
 * no checks. `ai-fallback` awaits the model and returns its result, with no timeout (its row in
 * the failover table: no answer from a primary that accepts and never answers).
 * `ai-sdk-fallback` is the built package. Median over 21 interleaved rounds of 20,000 calls.
 */
import type { LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { createFallback } from 'ai-fallback';
import { core } from './core';
import { bareModel, callOptions } from './in-memory-models';

const CALLS = 20_000;
const ROUNDS = 21;

type Generating = { doGenerate(options: LanguageModelV4CallOptions): PromiseLike<unknown> };

function guarantees(): Generating {
  const model = bareModel('a');
  return {
    async doGenerate(options) {
      const startedAt = Date.now();
      // What a clock that fires would use: abort the request, and reject the race at once.
      const attempt: { controller: AbortController; racer?: (reason: unknown) => void } = {
        controller: new AbortController(),
      };
      const result = await new Promise<LanguageModelV4GenerateResult>((resolve, reject) => {
        attempt.racer = reject;
        model.doGenerate({ ...options, abortSignal: attempt.controller.signal }).then(resolve, reject);
      });
      const fallback = {
        servedBy: { index: 0, id: 'a', provider: model.provider, modelId: model.modelId },
        attempts: 1,
        caught: [],
        totalUsage: { inputTokens: result.usage.inputTokens.total, outputTokens: result.usage.outputTokens.total },
        durationMs: Date.now() - startedAt,
      };
      return { ...result, providerMetadata: { ...result.providerMetadata, fallback } };
    },
  };
}

const subjects: Record<string, Generating> = {
  direct: bareModel('a'),
  guarantees: guarantees(),
  'ai-fallback': createFallback({ models: [bareModel('a'), bareModel('b')] }),
  'ai-sdk-fallback': core.withFallback([bareModel('a'), bareModel('b')]),
};

const ratios: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map(name => [name, []]));
const perCall: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map(name => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const spent: Record<string, number> = {};
  for (const [name, subject] of Object.entries(subjects)) {
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) await subject.doGenerate(callOptions);
    const { user, system } = process.cpuUsage(before);
    spent[name] = ((user + system) * 1000) / CALLS;
  }
  for (const [name, ns] of Object.entries(spent)) {
    ratios[name]!.push(ns / spent.direct!);
    perCall[name]!.push(ns);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
for (const name of Object.keys(subjects)) {
  console.log(
    `${name.padEnd(16)} ${median(perCall[name]!).toFixed(0).padStart(5)} ns/call  ×${median(ratios[name]!).toFixed(2)}`,
  );
}
