// Hedged requests through the real @ai-sdk/openai over HTTP against the fake provider: the hedge starts
// after afterMs, the first racer to commit is the only output, the other is closed on the wire and is
// never a failure for health; maxRatio caps hedging, 'auto' follows the entry's latencies, and the
// caller's abort ends both racers.
import { describe, expect, it } from 'vitest';
import type { FallbackHedgeEvent } from '../../src/index';
import { memoryHealthStore, withFallback } from '../../src/index';
import { canonicalAnswer, type FakeStep } from '../../src/testing/index';
import { call, caughtLabels, fakeProviderForFile, type Operation, realModel } from './helpers';

const fake = fakeProviderForFile();
const model = (id: string) => realModel(fake, 'openai chat', id);
const OPERATIONS: Operation[] = ['generate', 'stream'];
/** Far longer than any test: a request still open this long was not cancelled. */
const NEVER_MS = 60_000;

describe('hedged requests over HTTP', () => {
  it.each(OPERATIONS)('%s: a slow primary is hedged; the backup answers and the primary is closed', async operation => {
    fake.setScript({ primary: { firstTokenDelayMs: NEVER_MS }, backup: 'ok' });
    const events: FallbackHedgeEvent[] = [];
    const logs: string[] = [];
    const chained = withFallback([model('primary'), model('backup')], {
      hedge: { afterMs: 50 },
      onHedge: event => events.push(event),
      logger: { info: line => logs.push(line) },
    });
    const outcome = await call(chained, operation);
    expect(outcome.thrown).toBeUndefined();
    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.fallback).toMatchObject({
      servedBy: { id: 'openai.chat:backup' },
      attempts: 2,
      hedge: { afterMs: 50, started: { id: 'openai.chat:backup' }, winner: { id: 'openai.chat:backup' } },
    });
    expect(caughtLabels(outcome.fallback)).toEqual(['primary hedged']);
    expect(events).toMatchObject([{ from: { modelId: 'primary' }, to: { modelId: 'backup' }, afterMs: 50 }]);
    expect(logs).toEqual([
      '[ai-sdk-fallback] openai.chat:primary has not answered after 50 ms; hedging with openai.chat:backup',
    ]);
    // The primary's request is closed on the wire: the fake saw the client go away, and no socket is left.
    await fake.whenIdle();
    expect(fake.requestsFor('primary').map(request => request.aborted)).toEqual([true]);
    expect(fake.requestsFor('backup').map(request => request.aborted)).toEqual([false]);
  });

  it.each(OPERATIONS)('%s: the primary answers first; the hedge is cancelled and reported', async operation => {
    fake.setScript({ primary: { firstTokenDelayMs: 300 }, backup: { firstTokenDelayMs: NEVER_MS } });
    const chained = withFallback([model('primary'), model('backup')], { hedge: { afterMs: 30 } });
    const outcome = await call(chained, operation);
    expect(outcome.text).toBe(canonicalAnswer('primary'));
    expect(outcome.fallback).toMatchObject({
      servedBy: { modelId: 'primary' },
      attempts: 2,
      hedge: { afterMs: 30, started: { modelId: 'backup' }, winner: { modelId: 'primary' } },
    });
    expect(caughtLabels(outcome.fallback)).toEqual(['backup hedged']);
    await fake.whenIdle();
    expect(fake.requestsFor('backup').map(request => request.aborted)).toEqual([true]);
  });

  it('an attempt that commits before afterMs starts no hedge and reports none', async () => {
    const chained = withFallback([model('primary'), model('backup')], { hedge: { afterMs: 5_000 } });
    const outcome = await call(chained, 'stream');
    expect(outcome.text).toBe(canonicalAnswer('primary'));
    expect(outcome.fallback?.hedge).toBeUndefined();
    expect(outcome.fallback?.caught).toEqual([]);
    expect(fake.requestsFor('backup')).toHaveLength(0);
  });

  it('the cancelled racer is no failure for health: a breaker that opens at one failure stays closed', async () => {
    const store = memoryHealthStore();
    const chained = withFallback([model('primary'), model('backup')], {
      hedge: { afterMs: 30 },
      circuitBreaker: { failureThreshold: 1, store },
    });
    fake.setScript({ primary: [{ firstTokenDelayMs: NEVER_MS }, 'ok'], backup: 'ok' });
    expect((await call(chained, 'stream')).fallback?.servedBy.modelId).toBe('backup');
    const next = await call(chained, 'stream');
    expect(next.fallback).toMatchObject({ servedBy: { modelId: 'primary' }, caught: [] });
  });

  it('a racer that fails while the other runs is waited out: the other answers, the failure is caught', async () => {
    fake.setScript({ primary: { firstTokenDelayMs: NEVER_MS }, backup: { firstTokenDelayMs: 1_500 } });
    const chained = withFallback([{ model: model('primary'), timeouts: { firstChunkMs: 1_000 } }, model('backup')], {
      hedge: { afterMs: 20 },
    });
    const outcome = await call(chained, 'stream');
    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.fallback).toMatchObject({
      servedBy: { modelId: 'backup' },
      hedge: { started: { modelId: 'backup' } },
    });
    expect(caughtLabels(outcome.fallback)).toEqual(['primary timeout']);
  });

  it('when both racers fail, the chain goes on from the last failure, with no second hedge', async () => {
    fake.setScript({
      primary: { firstTokenDelayMs: NEVER_MS },
      backup: { errorAfterTokens: 0, code: 'server_error' },
      third: 'ok',
    });
    const events: FallbackHedgeEvent[] = [];
    const chained = withFallback(
      [{ model: model('primary'), timeouts: { firstChunkMs: 1_000 } }, model('backup'), model('third')],
      { hedge: { afterMs: 20 }, maxRetriesPerModel: 0, onHedge: event => events.push(event) },
    );
    const outcome = await call(chained, 'stream');
    expect(outcome.text).toBe(canonicalAnswer('third'));
    expect(outcome.fallback).toMatchObject({
      servedBy: { modelId: 'third' },
      attempts: 3,
      hedge: { afterMs: 20, started: { modelId: 'backup' }, winner: { modelId: 'third' } },
    });
    expect(caughtLabels(outcome.fallback)).toEqual(['backup provider-unavailable 500', 'primary timeout']);
    expect(events).toHaveLength(1);
  });

  it('no hedge is started toward an entry whose circuit is open', async () => {
    const store = memoryHealthStore();
    const circuitBreaker = { failureThreshold: 1, store };
    // Another chain on the same store opens the backup's circuit.
    fake.setScript({ backup: 'server-error' });
    const opener = withFallback([{ model: model('backup'), id: 'backup' }], { circuitBreaker, maxRetriesPerModel: 0 });
    expect((await call(opener, 'generate')).thrown).toBeDefined();
    fake.setScript({ primary: { firstTokenDelayMs: 200 }, backup: 'ok' });
    const events: FallbackHedgeEvent[] = [];
    const chained = withFallback([model('primary'), { model: model('backup'), id: 'backup' }], {
      hedge: { afterMs: 10 },
      circuitBreaker,
      onHedge: event => events.push(event),
    });
    const outcome = await call(chained, 'stream');
    expect(outcome.fallback).toMatchObject({ servedBy: { modelId: 'primary' }, caught: [] });
    expect(outcome.fallback?.hedge).toBeUndefined();
    expect(events).toEqual([]);
    expect(fake.requestsFor('backup')).toHaveLength(1);
  });

  it('maxRatio caps hedged calls to their share: with 0.5, every other call once the first token is spent', async () => {
    fake.setScript({ primary: { firstTokenDelayMs: 150 }, backup: { firstTokenDelayMs: NEVER_MS } });
    const chained = withFallback([model('primary'), model('backup')], { hedge: { afterMs: 1, maxRatio: 0.5 } });
    const hedged: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await call(chained, 'stream');
      expect(outcome.text).toBe(canonicalAnswer('primary'));
      hedged.push(outcome.fallback?.hedge !== undefined);
    }
    // The bucket starts with one token and earns half a token per call.
    expect(hedged).toEqual([true, true, false, true, false]);
    await fake.whenIdle();
    expect(fake.requestsFor('backup')).toHaveLength(3);
  });

  it("'auto' waits initialMs until minSamples, then the entry's own percentile, which follows its latencies", async () => {
    const events: FallbackHedgeEvent[] = [];
    const chained = withFallback([model('primary'), model('backup')], {
      hedge: { afterMs: 'auto', minSamples: 3, percentile: 50, initialMs: 40, maxRatio: 1 },
      onHedge: event => events.push(event),
    });
    const run = async (primary: FakeStep) => {
      fake.setScript({ primary, backup: { firstTokenDelayMs: NEVER_MS } });
      const outcome = await call(chained, 'stream');
      expect(outcome.text).toBe(canonicalAnswer('primary'));
      await fake.whenIdle();
    };
    // Before minSamples: the fixed initialMs.
    await run({ firstTokenDelayMs: 200 });
    expect(events.at(-1)).toMatchObject({ afterMs: 40, source: 'initial' });
    await run('ok');
    await run('ok');
    // Three samples (one slow, two fast): the median is a fast one.
    await run({ firstTokenDelayMs: 200 });
    const fast = events.at(-1)!;
    expect(fast.source).toBe('observed');
    expect(fast.afterMs).toBeLessThan(150);
    // The primary slows down: its median follows. The last call is slow enough that its hedge surely starts.
    for (let i = 0; i < 4; i++) await run({ firstTokenDelayMs: 200 });
    fake.setScript({ primary: { firstTokenDelayMs: 3_000 }, backup: 'ok' });
    expect((await call(chained, 'stream')).text).toBe(canonicalAnswer('backup'));
    const slow = events.at(-1)!;
    expect(slow.source).toBe('observed');
    expect(slow.afterMs).toBeGreaterThanOrEqual(190);
  });

  it("midStream: 'continue': the hedge that won is continued after a cut, as any served stream", async () => {
    // Ids of the same length: the cut text continued by the third entry reads as one answer.
    fake.setScript({ 'model-s': { firstTokenDelayMs: NEVER_MS }, 'model-a': { cutAfterTokens: 8 } });
    const chained = withFallback([model('model-s'), model('model-a'), model('model-b')], {
      hedge: { afterMs: 30 },
      midStream: 'continue',
    });
    const outcome = await call(chained, 'stream');
    expect(outcome.errors).toEqual([]);
    expect(outcome.text).toBe(canonicalAnswer('model-a'));
    expect(outcome.fallback).toMatchObject({
      servedBy: { modelId: 'model-a' },
      hedge: { started: { modelId: 'model-a' }, winner: { modelId: 'model-a' } },
      continuation: { from: { modelId: 'model-a' }, by: { modelId: 'model-b' } },
    });
    expect(caughtLabels(outcome.fallback)).toEqual(['model-s hedged', 'model-a network']);
    await fake.whenIdle();
    expect(fake.requestsFor('model-s').map(request => request.aborted)).toEqual([true]);
  });

  it("'auto' learns nothing from a slow attempt it could not hedge (the bucket was empty)", async () => {
    const events: FallbackHedgeEvent[] = [];
    const chained = withFallback([model('primary'), model('backup')], {
      hedge: { afterMs: 'auto', minSamples: 1, percentile: 50, initialMs: 20, maxRatio: 0.25 },
      onHedge: event => events.push(event),
    });
    const run = async (primary: FakeStep) => {
      fake.setScript({ primary, backup: { firstTokenDelayMs: NEVER_MS } });
      expect((await call(chained, 'stream')).text).toBe(canonicalAnswer('primary'));
      await fake.whenIdle();
    };
    // The first call spends the bucket's token; the next two earn only half a token together and are not hedged.
    await run({ firstTokenDelayMs: 100 });
    await run({ firstTokenDelayMs: 800 });
    await run({ firstTokenDelayMs: 800 });
    expect(events).toHaveLength(1);
    // Had the two unhedged 800 ms answers been recorded, the median would be 800 ms and this call not hedged in time.
    await run({ firstTokenDelayMs: 800 });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ source: 'observed' });
    expect(events[1]!.afterMs).toBeLessThan(400);
  });

  it.each(OPERATIONS)("%s: the caller's abort cancels both racers", async operation => {
    const controller = new AbortController();
    fake.setScript({
      primary: { firstTokenDelayMs: NEVER_MS },
      // Once the hedge's request reached the provider, the caller gives up.
      backup: () => {
        setImmediate(() => controller.abort(new Error('caller gave up')));
        return { firstTokenDelayMs: NEVER_MS };
      },
    });
    const chained = withFallback([model('primary'), model('backup')], { hedge: { afterMs: 20 } });
    const outcome = await call(chained, operation, { abortSignal: controller.signal });
    if (operation === 'generate') expect(outcome.thrown).toBeDefined();
    else expect(outcome.partTypes).toContain('abort');
    expect(outcome.text).toBe('');
    await fake.whenIdle();
    expect(fake.requests.map(request => [request.model, request.aborted])).toEqual([
      ['primary', true],
      ['backup', true],
    ]);
  });
});
