/**
 * The floor of a `doGenerate` wrapper with this package's guarantees, against calling the model
 * directly, in both call workloads of the overhead table:
 *
 *   npx tsx bench/generate-floor.ts              # spec level: doGenerate over the bare in-memory model
 *   npx tsx bench/generate-floor.ts generateText # ai's generateText over the in-memory @ai-sdk/openai model
 *
 * `await` is the least any wrapper does: an async function that awaits the model and returns its
 * result. `guarantees` does only what every call of this package must: an abort controller for
 * the attempt (so a timed-out attempt's request is cancelled), one clock read (its clocks start
 * there), a race of the answer against that abort (a model that ignores its signal cannot hold
 * the call), and the `providerMetadata.fallback` record; no clocks armed, no health, no options,
 * no checks. `ai-fallback` awaits the model and returns its result, with no timeout (its row in
 * the failover table: no answer from a primary that accepts and never answers).
 * `ai-sdk-fallback` is the built package. Each round runs one batch per subject, back to back,
 * in an order rotated per round; the median over rounds of each ratio to direct is printed.
 */
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { createFallback } from 'ai-fallback';
import { core } from './core';
import { bareModel, callOptions } from './in-memory-models';
import { inMemoryOpenAIModel } from './in-memory-openai';
import { cpuNow, median } from './stats';

interface Workload {
  model: (id: string) => LanguageModelV4;
  /** Calls per batch, and how long the rounds run. */
  batch: number;
  budgetMs: number;
  unit: string;
  run: (model: LanguageModelV4) => PromiseLike<unknown>;
}

const WORKLOADS: Record<string, Workload> = {
  doGenerate: {
    model: id => bareModel(id),
    batch: 20_000,
    budgetMs: 15_000,
    unit: 'ns',
    run: model => model.doGenerate(callOptions),
  },
  generateText: {
    model: id => inMemoryOpenAIModel(id),
    batch: 10,
    budgetMs: 30_000,
    unit: 'µs',
    run: model => generateText({ model, prompt: 'Hello', maxRetries: 0 }),
  },
};

/** `model` with its `doGenerate` replaced: the rest of the model as it is. */
function wrapped(
  model: LanguageModelV4,
  doGenerate: (options: LanguageModelV4CallOptions) => Promise<LanguageModelV4GenerateResult>,
): LanguageModelV4 {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate,
    doStream: options => model.doStream(options),
  };
}

function awaiting(model: LanguageModelV4): LanguageModelV4 {
  return wrapped(model, async options => await model.doGenerate(options));
}

function guarantees(model: LanguageModelV4): LanguageModelV4 {
  return wrapped(model, async options => {
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
  });
}

const name = process.argv[2] ?? 'doGenerate';
const workload = WORKLOADS[name];
if (workload === undefined) throw new Error(`workload: expected one of ${Object.keys(WORKLOADS).join(', ')}`);
const { model, batch, budgetMs, unit, run } = workload;
const subjects: [string, LanguageModelV4][] = [
  ['direct', model('a')],
  ['await', awaiting(model('a'))],
  ['guarantees', guarantees(model('a'))],
  ['ai-fallback', createFallback({ models: [model('a'), model('b')] })],
  ['ai-sdk-fallback', core.withFallback([model('a'), model('b')])],
];

async function round(shift: number): Promise<Map<string, number>> {
  const perCall = new Map<string, number>();
  for (const [key, subject] of [...subjects.slice(shift), ...subjects.slice(0, shift)]) {
    const start = cpuNow();
    for (let call = 0; call < batch; call++) await run(subject);
    perCall.set(key, ((cpuNow() - start) * (unit === 'ns' ? 1e6 : 1e3)) / batch);
  }
  return perCall;
}

// Warm-up: every subject's code (and the SDK's) reaches its optimized state before anything is measured.
for (let shift = 0; shift < subjects.length; shift++) await round(shift);
const ratios = new Map<string, number[]>(subjects.map(([key]) => [key, []]));
const values = new Map<string, number[]>(subjects.map(([key]) => [key, []]));
const started = performance.now();
let rounds = 0;
while (performance.now() - started < budgetMs) {
  const perCall = await round(rounds++ % subjects.length);
  for (const [key, value] of perCall) {
    ratios.get(key)!.push(value / perCall.get('direct')!);
    values.get(key)!.push(value);
  }
}
console.log(`${name}: median of ${rounds} rounds of ${batch} calls per subject`);
for (const [key] of subjects) {
  const value = median(values.get(key)!);
  console.log(
    `${key.padEnd(16)} ${value.toFixed(unit === 'ns' ? 0 : 1).padStart(6)} ${unit}/call  ×${median(ratios.get(key)!).toFixed(3)}`,
  );
}
