import { APICallError, type SharedV4ProviderOptions } from '@ai-sdk/provider';
import { generateText, streamText, ToolLoopAgent } from 'ai';
import { describe, expect, it } from 'vitest';
import { FallbackConfigError } from '../../src/config/index';
import { type FallbackCallOptions, FallbackExhaustedError, type FallbackMetadata, withFallback } from '../../src/index';
import { canonicalAnswer } from '../../src/testing/index';
import { call, fakeProviderForFile, type Operation, realModel } from './helpers';

const fake = fakeProviderForFile();

const OPERATIONS: Operation[] = ['generate', 'stream'];
const PRIMARY = 'gpt-primary';
const ROUTER = 'router-model';
const AZURE = 'azure-deployment';

/** OpenAI → OpenRouter → Azure through the real provider packages, one retry per model. */
function chain() {
  return withFallback(
    [
      { model: realModel(fake, 'openai chat', PRIMARY), id: 'openai' },
      { model: realModel(fake, 'openrouter', ROUTER), id: 'openrouter' },
      { model: realModel(fake, 'azure', AZURE), id: 'azure' },
    ],
    { maxRetriesPerModel: 1, backoff: { initialDelayMs: 1, jitter: false } },
  );
}

/** One call with `providerOptions`, observed as `call` observes it (text, error, metadata). */
async function callWith(operation: Operation, providerOptions: SharedV4ProviderOptions) {
  const model = chain();
  const wrapped = {
    ...model,
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: {},
    doGenerate: (options: Parameters<typeof model.doGenerate>[0]) => model.doGenerate({ ...options, providerOptions }),
    doStream: (options: Parameters<typeof model.doStream>[0]) => model.doStream({ ...options, providerOptions }),
  };
  return call(wrapped, operation);
}

const models = () => fake.requests.map(request => request.model);

/** No request the fake received carried the chain's settings, anywhere in its body. */
function expectNoFallbackKeyInBodies() {
  expect(fake.requests.length).toBeGreaterThan(0);
  for (const request of fake.requests) expect(JSON.stringify(request.body)).not.toContain('fallback');
}

describe.each(OPERATIONS)('providerOptions.fallback per call (%s, real provider packages over HTTP)', operation => {
  it('enabled: false sends one request, to the primary only, and its error is its own', async () => {
    fake.setScript({ [PRIMARY]: 'rate-limit' });
    const outcome = await callWith(operation, { fallback: { enabled: false } });

    expect(models()).toEqual([PRIMARY]);
    const error = operation === 'generate' ? outcome.thrown : outcome.errors[0];
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(429);
    expect(FallbackExhaustedError.isInstance(error)).toBe(false);
    expectNoFallbackKeyInBodies();
  });

  it('enabled: false answers as the bare primary: its text, no fallback metadata', async () => {
    const outcome = await callWith(operation, { fallback: { enabled: false } });
    expect(models()).toEqual([PRIMARY]);
    expect(outcome.text).toBe(canonicalAnswer(PRIMARY));
    expect(outcome.fallback).toBeUndefined();
  });

  it("entries: ['azure'] sends only to Azure, which is this call's primary", async () => {
    fake.setScript({ [AZURE]: ['rate-limit', 'ok'] });
    const outcome = await callWith(operation, { fallback: { entries: ['azure'] } });

    expect(models()).toEqual([AZURE, AZURE]);
    expect(outcome.text).toBe(canonicalAnswer(AZURE));
    expect(outcome.fallback?.servedBy).toMatchObject({ id: 'azure', index: 0 });
    expectNoFallbackKeyInBodies();
  });

  it('entries run in the order given, and per-call retries replace the chain’s', async () => {
    fake.setScript({ [AZURE]: 'rate-limit' });
    const settings: FallbackCallOptions = { entries: ['azure', 'openai'], maxRetriesPerModel: 0 };
    const outcome = await callWith(operation, { fallback: settings });

    expect(models()).toEqual([AZURE, PRIMARY]);
    expect(outcome.text).toBe(canonicalAnswer(PRIMARY));
    expect((outcome.fallback as FallbackMetadata).servedBy).toMatchObject({ id: 'openai', index: 1 });
    expect(outcome.fallback?.caught.map(caught => caught.id)).toEqual(['azure']);
  });

  it('an unknown id is refused with the known ids, before any request', async () => {
    const outcome = await callWith(operation, { fallback: { entries: ['openai', 'azur'] } });
    const error = operation === 'generate' ? outcome.thrown : outcome.errors[0];

    expect(FallbackConfigError.isInstance(error)).toBe(true);
    expect((error as FallbackConfigError).issues).toEqual([
      {
        path: 'providerOptions.fallback.entries[1]',
        message: "unknown entry id (did you mean 'azure'?); the chain's entries are 'openai', 'openrouter', 'azure'",
      },
    ]);
    expect(fake.requests).toEqual([]);
  });

  it("the other providers' options still reach them; only the fallback key is removed", async () => {
    await callWith(operation, { fallback: { entries: ['openai'] }, openai: { user: 'user-123' } });
    expect(models()).toEqual([PRIMARY]);
    expect(fake.requests[0]!.body.user).toBe('user-123');
    expectNoFallbackKeyInBodies();
  });
});

describe('through the AI SDK’s own call settings', () => {
  it('generateText: providerOptions.fallback.enabled false', async () => {
    fake.setScript({ [PRIMARY]: 'overloaded' });
    const error = await generateText({
      model: chain(),
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { enabled: false } },
    }).catch(caught => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(models()).toEqual([PRIMARY]);
  });

  it("streamText: providerOptions.fallback.entries ['openrouter']", async () => {
    const result = streamText({
      model: chain(),
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['openrouter'] } },
    });
    expect(await result.text).toBe(canonicalAnswer(ROUTER));
    expect(models()).toEqual([ROUTER]);
    expectNoFallbackKeyInBodies();
  });

  it("streamText: providerOptions.fallback.commit 'finish' holds this call's stream, so a cut falls back unseen", async () => {
    fake.setScript({ [PRIMARY]: { cutAfterTokens: 5 } });
    const held = streamText({
      model: chain(),
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { commit: 'finish' } },
    });
    expect(await held.text).toBe(canonicalAnswer(ROUTER));
    // A cut is a network failure: retried once on the primary, then the fallback; none of it was seen.
    expect(models()).toEqual([PRIMARY, PRIMARY, ROUTER]);

    // The same cut in a call without it: the stream had committed at its first token, so the cut is an error.
    fake.reset();
    fake.setScript({ [PRIMARY]: { cutAfterTokens: 5 } });
    const seen: unknown[] = [];
    const plain = streamText({ model: chain(), prompt: 'Hi', maxRetries: 0, onError: ({ error }) => seen.push(error) });
    await plain.consumeStream();
    expect(models()).toEqual([PRIMARY]);
    expectNoFallbackKeyInBodies();
  });

  it('ToolLoopAgent: the agent’s providerOptions reach the chain on every step', async () => {
    const agent = new ToolLoopAgent({
      model: chain(),
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['azure'] } satisfies FallbackCallOptions },
    });
    const result = await agent.generate({ prompt: 'Hi' });
    expect(result.text).toBe(canonicalAnswer(AZURE));
    expect(models()).toEqual([AZURE]);
    expectNoFallbackKeyInBodies();
  });

  it('per-call timeouts: totalMs of the call ends a call the chain would let run', async () => {
    fake.setScript({ [PRIMARY]: 'hang' });
    const error = await generateText({
      model: chain(),
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['openai'], timeouts: { totalMs: 200 } } },
    }).catch(caught => caught);
    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect((error as FallbackExhaustedError).reason).toBe('total-timeout');
    expect(models()).toEqual([PRIMARY]);
  });
});

describe('every AI SDK major passes providerOptions.fallback to the chain', () => {
  const rows = [
    ['AI SDK 4 (V1: providerMetadata)', () => import('ai-v4'), () => import('@ai-sdk/openai-v1')],
    ['AI SDK 5 (V2)', () => import('ai-v5'), () => import('@ai-sdk/openai-v2')],
    ['AI SDK 6 (V3)', () => import('ai-v6'), () => import('@ai-sdk/openai-v3')],
  ] as const;

  it.each(rows)('%s', async (_, loadAi, loadOpenAI) => {
    const [{ generateText: generate }, { createOpenAI }] = await Promise.all([loadAi(), loadOpenAI()]);
    const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback([
      { model: openai.chat('major-primary'), id: 'primary' },
      { model: openai.chat('major-backup'), id: 'backup' },
    ] as never);
    const result = await (generate as (options: object) => Promise<{ text: string }>)({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { fallback: { entries: ['backup'] } },
    });
    expect(result.text).toBe(canonicalAnswer('major-backup'));
    expect(models()).toEqual(['major-backup']);
    expectNoFallbackKeyInBodies();
  });
});
