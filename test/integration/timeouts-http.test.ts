import { describe, expect, it } from 'vitest';
import { type FallbackConfig, FallbackExhaustedError, FallbackTimeoutError, withFallback } from '../../src/index';
import { splitIntoTokens } from '../../src/testing/canonical-answer';
import { canonicalAnswer } from '../../src/testing/index';
import { call, caughtLabels, fakeProviderForFile, type Operation, type ProviderKind, realModel } from './helpers';

const fake = fakeProviderForFile();

function chain(config: FallbackConfig, kind: ProviderKind = 'openai chat') {
  return withFallback([realModel(fake, kind, 'primary'), realModel(fake, kind, 'backup')], config);
}

const FIRST_TOKENS = splitIntoTokens(canonicalAnswer('primary')).slice(0, 3).join('');

/** The primary's socket was closed by the client, and nothing is left open. */
async function expectPrimaryClosed() {
  await fake.whenIdle();
  expect(fake.openConnections()).toBe(0);
  expect(fake.requestsFor('primary').every(request => request.aborted)).toBe(true);
}

describe('timeouts over real HTTP', () => {
  it.each<[Operation, ProviderKind]>([
    ['generate', 'openai chat'],
    ['stream', 'openai responses'],
    ['generate', 'openrouter'],
    ['stream', 'azure'],
  ])('%s (%s): a hang before headers moves on after requestMs and closes the socket', async (operation, kind) => {
    fake.setScript({ primary: 'hang' });
    const outcome = await call(chain({ timeouts: { requestMs: 300 } }, kind), operation);

    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.fallback?.caught).toEqual([
      expect.objectContaining({
        modelId: 'primary',
        type: 'timeout',
        message: expect.stringContaining('request timeout after 300 ms'),
      }),
    ]);
    // A timeout is not retried on the silent model.
    expect(fake.requestsFor('primary')).toHaveLength(1);
    await expectPrimaryClosed();
  });

  it('a first token slower than firstChunkMs moves on, though headers came at once', async () => {
    fake.setScript({ primary: { firstTokenDelayMs: 30_000 } });
    const outcome = await call(chain({ timeouts: { firstChunkMs: 300 } }), 'stream');

    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(caughtLabels(outcome.fallback)).toEqual(['primary timeout']);
    expect(outcome.fallback?.caught[0]?.message).toContain('first-chunk timeout after 300 ms');
    await expectPrimaryClosed();
  });

  // The Responses model hands its stream over once the request is accepted; @ai-sdk/openai's chat
  // model holds doStream until the first token, so there only firstChunkMs / requestMs can see a stall.
  it('a stall before the first token, longer than chunkIdleMs, moves on', async () => {
    fake.setScript({ primary: { stallAfterTokens: 0 } });
    const outcome = await call(
      chain({ timeouts: { firstChunkMs: false, chunkIdleMs: 300 } }, 'openai responses'),
      'stream',
    );

    expect(outcome.text).toBe(canonicalAnswer('backup'));
    expect(outcome.fallback?.caught[0]?.message).toContain('chunk-idle timeout after 300 ms');
    await expectPrimaryClosed();
  });

  it('a stall after commit ends the stream with a timeout error part, without asking the fallback', async () => {
    fake.setScript({ primary: { stallAfterTokens: 3 } });
    const outcome = await call(chain({ timeouts: { chunkIdleMs: 300 } }), 'stream');

    expect(outcome.text).toBe(FIRST_TOKENS);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toSatisfy(FallbackTimeoutError.isInstance);
    expect((outcome.errors[0] as FallbackTimeoutError).kind).toBe('chunk-idle');
    expect(outcome.finishReason).toBe('error');
    expect(fake.requestsFor('backup')).toHaveLength(0);
    await expectPrimaryClosed();
  });

  it('totalMs is one budget across retries, backoff and fallbacks', async () => {
    fake.setScript({ primary: 'overloaded', backup: 'hang' });
    const outcome = await call(
      chain({ maxRetriesPerModel: 2, backoff: { initialDelayMs: 100, jitter: false }, timeouts: { totalMs: 1_000 } }),
      'generate',
    );

    const error = outcome.thrown as FallbackExhaustedError;
    expect(error).toSatisfy(FallbackExhaustedError.isInstance);
    expect(error.reason).toBe('total-timeout');
    expect(error.message).toContain('total budget of 1000 ms');
    expect(error.attempts.map(a => `${a.modelId} ${a.type}`)).toEqual([
      'primary provider-unavailable',
      'primary provider-unavailable',
      'primary provider-unavailable',
      'backup timeout',
    ]);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(950);
    // Loose: the budget must end the call, not the backup's 10-minute default request timeout.
    expect(outcome.durationMs).toBeLessThan(5_000);
    await fake.whenIdle();
    expect(fake.requestsFor('backup')[0]!.aborted).toBe(true);
  });

  it.each(['error', 'continue'] as const)(
    "midStream '%s': the caller's abort during a stream stops it, with no fallback request",
    async midStream => {
      fake.setScript({ primary: { stallAfterTokens: 3 } });
      const controller = new AbortController();
      const outcome = await call(chain({ midStream }), 'stream', {
        abortSignal: controller.signal,
        onDelta: (_delta, index) => {
          if (index === 2) controller.abort(new Error('user pressed stop'));
        },
      });

      expect(outcome.text).toBe(FIRST_TOKENS);
      expect(outcome.partTypes).toContain('abort');
      expect(outcome.errors).toEqual([]);
      expect(fake.requestsFor('backup')).toHaveLength(0);
      await expectPrimaryClosed();
    },
  );

  it("generate: the AI SDK's own timeout rejects with the SDK's TimeoutError, not a fallback", async () => {
    fake.setScript({ primary: 'hang' });
    const outcome = await call(chain({ timeouts: { requestMs: 60_000 } }), 'generate', { timeout: 300 });

    expect(outcome.thrown).toMatchObject({ name: 'TimeoutError' });
    expect(FallbackExhaustedError.isInstance(outcome.thrown)).toBe(false);
    expect(FallbackTimeoutError.isInstance(outcome.thrown)).toBe(false);
    expect(fake.requestsFor('backup')).toHaveLength(0);
    await expectPrimaryClosed();
  });

  it("stream: the AI SDK's own timeout aborts the stream, with no fallback and no error part", async () => {
    fake.setScript({ primary: 'hang' });
    const outcome = await call(chain({ timeouts: { requestMs: 60_000 } }), 'stream', { timeout: 300 });

    expect(outcome.partTypes).toEqual(['start', 'abort']);
    expect(outcome.errors).toEqual([]);
    expect(fake.requestsFor('backup')).toHaveLength(0);
    await expectPrimaryClosed();
  });
});
