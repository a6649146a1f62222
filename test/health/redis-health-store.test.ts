import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisHealthStore } from '../../src/health/redis/index';
import { type FallbackMetadata, type HealthStore, withFallback } from '../../src/index';
import { startFakeProvider } from '../../src/testing/index';
import { apiError, scriptedModel } from '../helpers/mock-models';
import { type RedisServer, startRedisServer } from './redis-server';

/** One "process": its own client and its own store (and so its own local cache and guard). */
interface Process {
  store: HealthStore;
  /** A raw command on this process's client. */
  command(args: string[]): Promise<unknown>;
}

type Connect = (server: RedisServer, cacheMs?: number) => Promise<Process & { close(): Promise<void> | void }>;

const clients: [string, Connect][] = [
  [
    'node-redis',
    async (server, cacheMs) => {
      const client = createClient({ url: server.url, socket: { reconnectStrategy: () => 50, connectTimeout: 2_000 } });
      client.on('error', () => {}); // node-redis requires a listener; losing the server is part of these tests
      await client.connect();
      return {
        store: redisHealthStore(client, { prefix: nextPrefix(), cacheMs }),
        command: args => client.sendCommand(args),
        close: () => client.destroy(),
      };
    },
  ],
  [
    'ioredis',
    async (server, cacheMs) => {
      const client = new Redis(server.port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: 3 });
      client.on('error', () => {});
      await new Promise<void>((resolve, reject) => {
        client.once('ready', resolve);
        client.once('end', () => reject(new Error('ioredis could not connect')));
      });
      return {
        store: redisHealthStore(client, { prefix: nextPrefix(), cacheMs }),
        command: ([command, ...args]) => client.call(command!, ...args),
        close: () => client.disconnect(),
      };
    },
  ],
];

let prefixes = 0;
let sharedPrefix = '';
/** Each test's processes share one prefix, distinct from every other test's. */
function nextPrefix(): string {
  return sharedPrefix;
}

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.close();
});

const generate = (model: ReturnType<typeof withFallback>) => generateText({ model, prompt: 'hi', maxRetries: 0 });
const fallbackOf = (result: { providerMetadata?: Record<string, unknown> }) =>
  result.providerMetadata?.fallback as unknown as FallbackMetadata;
const storeWarnings = (warn: ReturnType<typeof vi.fn>) =>
  warn.mock.calls.filter(([message]) => /health store unavailable/.test(String(message)));

/** Polls `check` every 50 ms until it holds; real Redis reconnecting gives no event to wait on across both clients. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe.each(clients)('redisHealthStore with %s, against a real redis-server', (_, connect) => {
  const open: { close(): Promise<void> | void }[] = [];
  const startProcess = async (cacheMs?: number) => {
    const process = await connect(server, cacheMs);
    open.push(process);
    return process;
  };
  const twoProcesses = async (cacheMs?: number) => {
    sharedPrefix = `test-${++prefixes}:`;
    return [await startProcess(cacheMs), await startProcess(cacheMs)] as const;
  };
  afterEach(async () => {
    for (const process of open.splice(0)) await process.close();
  });

  it('two processes share one view: values, expiry and a single lease', async () => {
    const [a, b] = await twoProcesses();
    await a.store.set('x', 'from A', 5_000);
    expect(await b.store.get(['x', 'missing'])).toEqual(['from A', undefined]);
    const pttl = Number(await b.command(['PTTL', `${sharedPrefix}x`]));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);

    const leases = await Promise.all([
      ...Array.from({ length: 10 }, () => a.store.set('lease', 'A', 5_000, { ifAbsent: true })),
      ...Array.from({ length: 10 }, () => b.store.set('lease', 'B', 5_000, { ifAbsent: true })),
    ]);
    expect(leases.filter(Boolean)).toHaveLength(1);

    await b.store.delete(['x', 'lease']);
    expect(await a.store.get(['x', 'lease'])).toEqual([undefined, undefined]);
  });

  it('loses no update when two processes record failures at once', async () => {
    const [a, b] = await twoProcesses();
    const counts = await Promise.all(
      Array.from({ length: 50 }, () => [a.store.increment('n', 10_000), b.store.increment('n', 10_000)]).flat(),
    );
    expect(new Set(counts).size).toBe(100);
    expect(Math.max(...counts)).toBe(100);
    expect(Number(await a.command(['PTTL', `${sharedPrefix}n`]))).toBeGreaterThan(0);

    // Through the breaker: 2 processes x 5 concurrent failing calls; a threshold of 10 opens only if all 10 counted.
    const opened = vi.fn();
    const chain = (store: HealthStore) =>
      withFallback([scriptedModel('primary', Array(5).fill({ error: apiError(503) })), scriptedModel('backup')], {
        maxRetriesPerModel: 0,
        // A generous timeout: a loaded machine must not make the guard give up on Redis here.
        circuitBreaker: { store, failureThreshold: 10, storeTimeoutMs: 2_000 },
        onCircuitOpen: opened,
      });
    const [inA, inB] = [chain(a.store), chain(b.store)];
    await Promise.all(Array.from({ length: 5 }, () => [generate(inA), generate(inB)]).flat());
    expect(await a.store.get(['mock:primary:failures'])).toEqual(['10']);
    expect(opened).toHaveBeenCalledTimes(1);
    expect(opened.mock.calls[0]![0]).toMatchObject({ reason: 'failures', failures: 10 });
  });

  it('after process A sees a 429 with Retry-After: 30, process B sends nothing to that model and serves from the fallback at once', async () => {
    const fake = await startFakeProvider({ script: { 'gpt-primary': [{ status: 429, retryAfter: 30 }] } });
    try {
      const [a, b] = await twoProcesses();
      const chain = (store: HealthStore) => {
        const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test' });
        return withFallback([openai.chat('gpt-primary'), openai.chat('gpt-backup')], {
          circuitBreaker: { store, storeTimeoutMs: 2_000 },
        });
      };
      const before = Date.now();
      const first = await generate(chain(a.store));
      const after = Date.now();
      expect(fallbackOf(first).servedBy.modelId).toBe('gpt-backup');
      expect(fake.requestsFor('gpt-primary')).toHaveLength(1);

      const inB = chain(b.store);
      for (let i = 0; i < 3; i++) {
        const result = await generate(inB);
        const metadata = fallbackOf(result);
        expect(metadata.servedBy.modelId).toBe('gpt-backup');
        expect(metadata.attempts).toBe(1);
        const skip = metadata.caught[0]!.skipped!;
        expect(skip).toMatchObject({ reason: 'circuit-open', openedBy: 'retry-after' });
        expect(skip.until).toBeGreaterThanOrEqual(before + 30_000);
        expect(skip.until).toBeLessThanOrEqual(after + 30_000);
      }
      expect(fake.requestsFor('gpt-primary')).toHaveLength(1);
      expect(fake.requestsFor('gpt-backup').length).toBeGreaterThanOrEqual(4);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ['killed (SIGKILL)', 'kill'],
    ['paused (SIGSTOP)', 'pause'],
  ] as const)('an open circuit process B read from Redis stays in force when redis-server is %s', async (_, outage) => {
    const fake = await startFakeProvider({ script: { 'gpt-primary': [{ status: 429, retryAfter: 30 }] } });
    // cacheMs 0: B reads Redis on every call, so once Redis is gone only what B mirrored can keep the circuit.
    const [a, b] = await twoProcesses(0);
    const chain = (store: HealthStore) => {
      const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test' });
      return withFallback([openai.chat('gpt-primary'), openai.chat('gpt-backup')], {
        // Generous while Redis is up (a loaded machine must not look like an outage); bounds each stalled wait.
        circuitBreaker: { store, storeTimeoutMs: 1_000 },
        logger: { warn: () => {} },
      });
    };
    const expectSkipped = (result: { providerMetadata?: Record<string, unknown> }, until: number) => {
      const metadata = fallbackOf(result);
      expect(metadata.servedBy.modelId).toBe('gpt-backup');
      expect(metadata.caught[0]!.skipped).toEqual({ reason: 'circuit-open', openedBy: 'retry-after', until });
    };
    try {
      expect(fallbackOf(await generate(chain(a.store))).servedBy.modelId).toBe('gpt-backup');
      const inB = chain(b.store);
      const seen = await generate(inB);
      const until = fallbackOf(seen).caught[0]!.skipped!.until;
      expectSkipped(seen, until);

      if (outage === 'kill') await server.kill();
      else server.pause();
      try {
        for (let i = 0; i < 5; i++) expectSkipped(await generate(inB), until);
        // The primary asked for 30 s of quiet: nothing more reached it.
        expect(fake.requestsFor('gpt-primary')).toHaveLength(1);
      } finally {
        if (outage === 'kill') await server.restart();
        else server.resume();
      }
    } finally {
      await fake.close();
    }
  });

  it('an abort while redis-server is paused (SIGSTOP) settles the call at once with the caller reason', async () => {
    const [b] = await twoProcesses(0);
    const primary = scriptedModel('primary');
    const model = withFallback([primary, scriptedModel('backup')], {
      circuitBreaker: { store: b.store, storeTimeoutMs: 3_000 },
      logger: { warn: () => {} },
    });
    expect((await generate(model)).text).toBe('Answer from primary.');
    const controller = new AbortController();
    const reason = new Error('the user left');
    server.pause();
    try {
      const started = performance.now();
      const call = generateText({ model, prompt: 'hi', maxRetries: 0, abortSignal: controller.signal });
      setTimeout(() => controller.abort(reason), 100);
      await expect(call).rejects.toBe(reason);
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(primary.doGenerateCalls).toHaveLength(1);
    } finally {
      server.resume();
    }
  });

  it('keeps calls succeeding on local health with a single warning when redis-server dies, and shares again once it is back', async () => {
    // cacheMs 0: every call reads Redis, as calls more than the default 1 s apart would.
    const [a, b] = await twoProcesses(0);
    const logA = { warn: vi.fn(), info: vi.fn() };
    const logB = { warn: vi.fn(), info: vi.fn() };
    const primary = scriptedModel('primary', Array(10).fill({ error: apiError(503) }));
    const inA = withFallback([primary, scriptedModel('backup')], {
      maxRetriesPerModel: 0,
      circuitBreaker: { store: a.store, failureThreshold: 1 },
      logger: logA,
    });
    expect((await generate(inA)).text).toBe('Answer from backup.');

    await server.kill();
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect((await generate(inA)).text).toBe('Answer from backup.');
      // Never slower than one store timeout (100 ms), plus slack for a loaded machine.
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    // Local health kept the circuit open: the primary was asked once in all.
    expect(primary.doGenerateCalls).toHaveLength(1);

    await server.restart();
    // Sharing resumes: a circuit A opens now reaches B (which reads Redis afresh for a model it never saw).
    let round = 0;
    await eventually(async () => {
      const id = `flaky-${++round}`;
      await generate(
        withFallback(
          [
            scriptedModel(id, [{ error: apiError(429, { headers: { 'retry-after': '60' } }) }]),
            scriptedModel('backup'),
          ],
          {
            maxRetryAfterMs: 0,
            circuitBreaker: { store: a.store },
            logger: logA,
          },
        ),
      );
      const seenByB = await generate(
        withFallback([scriptedModel(id), scriptedModel('backup')], {
          circuitBreaker: { store: b.store },
          logger: logB,
        }),
      );
      return seenByB.text === 'Answer from backup.';
    }, 8_000);
    expect(logA.info).toHaveBeenCalledWith(expect.stringMatching(/health store answers again/));
    expect(storeWarnings(logA.warn)).toHaveLength(1);
    expect(storeWarnings(logB.warn).length).toBeLessThanOrEqual(1);
  });
});

describe('redisHealthStore: bad input', () => {
  it('names what it expected', () => {
    expect(() => redisHealthStore({} as never)).toThrow(/client: expected a node-redis client .* or an ioredis client/);
    expect(() => redisHealthStore({ call: async () => null }, { cacheMs: -1 })).toThrow(/options\.cacheMs/);
  });
});
