/**
 * Measures the circuit breaker (issue 4) against the fake provider on 127.0.0.1, through real
 * `@ai-sdk/openai`, in real time (about 70 s):
 *
 * 1. The primary is down (503) for 6 s, then healthy; 10 sequential requests 1.2 s apart, with the
 *    breaker (cooldown 2 s, max 4 s) and without it. How often is the primary asked, how long do
 *    requests take, when does the primary serve again?
 * 2. Two OS processes share a real redis-server: A meets a 429 with Retry-After: 30; B then calls
 *    every 2 s for 34 s. Does B send anything to that model before the 30 s are up?
 * 3. redis-server is killed mid-run and restarted: do calls keep succeeding, how slow are they, how
 *    many warnings, how long until two stores share again?
 *
 * Run: npx tsx scripts/health-bench.ts
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { createClient } from 'redis';
import { redisHealthStore } from '../src/health/redis/index';
import { type FallbackConfig, type FallbackMetadata, type HealthStore, withFallback } from '../src/index';
import { type FakeRequest, startFakeProvider } from '../src/testing/index';
import { startRedisServer } from '../test/health/redis-server';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const fallbackOf = (result: { providerMetadata?: Record<string, unknown> }) =>
  result.providerMetadata?.fallback as unknown as FallbackMetadata;

function chain(baseURL: string, primary: string, backup: string, config: FallbackConfig, processName = 'main') {
  const openai = createOpenAI({ baseURL, apiKey: 'bench', headers: { 'x-bench-process': processName } });
  return withFallback([openai.chat(primary), openai.chat(backup)], config);
}

async function connect(url: string, prefix: string) {
  const client = createClient({ url, socket: { reconnectStrategy: () => 100 } });
  client.on('error', () => {});
  await client.connect();
  return { client, store: redisHealthStore(client, { prefix }) };
}

// ---------------------------------------------------------------- child processes (scenario 2)

async function child(role: string, args: { redisUrl: string; baseURL: string; prefix: string }) {
  const { client, store } = await connect(args.redisUrl, args.prefix);
  const model = chain(args.baseURL, 'gpt-limited', 'gpt-backup', { circuitBreaker: { store } }, role);
  const report = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const one = async () => {
    const started = performance.now();
    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    const metadata = fallbackOf(result);
    report({
      at: Date.now(),
      servedBy: metadata.servedBy.modelId,
      ms: Math.round(performance.now() - started),
      skippedUntil: metadata.caught.find(c => c.skipped)?.skipped?.until,
    });
  };
  if (role === 'A') {
    await one();
  } else {
    const start = Date.now();
    while (Date.now() - start < 34_000) {
      await one();
      await sleep(2_000);
    }
  }
  client.destroy();
}

// ---------------------------------------------------------------- scenario 1

async function outageScenario() {
  const downMs = 6_000;
  let downUntil = 0;
  const fake = await startFakeProvider({
    script: { '*': request => (request.model.startsWith('primary') && Date.now() < downUntil ? 'overloaded' : 'ok') },
  });
  try {
    const run = async (label: string, primary: string, config: FallbackConfig) => {
      const model = chain(fake.openaiBaseURL, primary, 'backup', config);
      const start = Date.now();
      const rows: { at: number; servedBy: string; ms: number; primarySoFar: number; skipped: boolean }[] = [];
      for (let i = 0; i < 10; i++) {
        await sleep(Math.max(0, start + i * 1_200 - Date.now()));
        const started = performance.now();
        const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });
        const metadata = fallbackOf(result);
        rows.push({
          at: (Date.now() - start) / 1000,
          servedBy: metadata.servedBy.modelId,
          ms: Math.round(performance.now() - started),
          primarySoFar: fake.requestsFor(primary).length,
          skipped: metadata.caught.some(c => c.skipped),
        });
      }
      const primaryTimes = fake.requestsFor(primary).map(r => (r.startedAt - start) / 1000);
      return { label, rows, primaryTimes, start };
    };
    downUntil = Date.now() + downMs;
    const results = await Promise.all([
      run('breaker on (cooldown 2 s, max 4 s)', 'primary-on', {
        circuitBreaker: { cooldownMs: 2_000, maxCooldownMs: 4_000 },
      }),
      run('breaker off', 'primary-off', { circuitBreaker: false }),
    ]);
    console.log(
      '\n== 1. primary down 6 s, then healthy; 10 sequential requests 1.2 s apart (default retries: 2, backoff 500 ms with jitter)',
    );
    for (const { label, rows, primaryTimes } of results) {
      console.log(`\n-- ${label}`);
      console.table(rows);
      const during = primaryTimes.filter(t => t < downMs / 1000);
      const outageRows = rows.filter(r => r.at < downMs / 1000);
      const firstPrimary = rows.find(r => r.servedBy.startsWith('primary'));
      console.log(
        `primary requests during the outage: ${during.length} (at ${during.map(t => t.toFixed(2)).join(', ')} s)`,
      );
      console.log(
        `requests answered: ${rows.length}/10; mean latency during the outage: ${Math.round(outageRows.reduce((s, r) => s + r.ms, 0) / outageRows.length)} ms`,
      );
      console.log(`primary serves again from t = ${firstPrimary?.at.toFixed(2)} s (recovered at 6.00 s)`);
    }
  } finally {
    await fake.close();
  }
}

// ---------------------------------------------------------------- scenario 2

async function twoProcessScenario(redisUrl: string) {
  const fake = await startFakeProvider({ script: { 'gpt-limited': [{ status: 429, retryAfter: 30 }] } });
  const prefix = `bench-${Date.now()}:`;
  const runChild = (role: string) =>
    new Promise<{ at: number; servedBy: string; ms: number; skippedUntil?: number }[]>((resolve, reject) => {
      const script = fileURLToPath(import.meta.url);
      const proc = spawn(
        process.execPath,
        [...process.execArgv, script, 'child', role, JSON.stringify({ redisUrl, baseURL: fake.openaiBaseURL, prefix })],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      proc.stdout.on('data', chunk => (out += String(chunk)));
      proc.once('error', reject);
      proc.once('exit', code =>
        code === 0
          ? resolve(
              out
                .trim()
                .split('\n')
                .filter(Boolean)
                .map(line => JSON.parse(line)),
            )
          : reject(new Error(`${role} exited ${code}`)),
      );
    });
  try {
    const [a] = await runChild('A');
    const b = await runChild('B');
    const from = (name: string, model: string) =>
      fake.requests.filter((r: FakeRequest) => r.headers['x-bench-process'] === name && r.model === model);
    const limitedAt = from('A', 'gpt-limited')[0]!.startedAt;
    const bLimited = from('B', 'gpt-limited').map(r => (r.startedAt - limitedAt) / 1000);
    console.log('\n== 2. two processes share redis-server: A meets a 429 with Retry-After: 30, then B calls every 2 s');
    console.log(`A: served by ${a!.servedBy} in ${a!.ms} ms`);
    console.table(
      b.map(row => ({
        't after the 429 (s)': ((row.at - limitedAt) / 1000).toFixed(1),
        servedBy: row.servedBy,
        ms: row.ms,
        skippedUntil: row.skippedUntil === undefined ? '' : `+${((row.skippedUntil - limitedAt) / 1000).toFixed(2)} s`,
      })),
    );
    const early = bLimited.filter(t => t < 30);
    console.log(
      `B requests to gpt-limited within 30 s of the 429: ${early.length}; first B request to it at +${bLimited[0]?.toFixed(2)} s`,
    );
    const skipped = b.filter(row => row.skippedUntil !== undefined);
    console.log(
      `B calls served from the fallback while skipping: ${skipped.length}, latency median ${median(skipped.map(r => r.ms))} ms, max ${Math.max(...skipped.map(r => r.ms))} ms`,
    );
  } finally {
    await fake.close();
  }
}

// ---------------------------------------------------------------- scenario 3

async function redisOutageScenario(server: Awaited<ReturnType<typeof startRedisServer>>) {
  const prefix = `bench-outage-${Date.now()}:`;
  const a = await connect(server.url, prefix);
  const b = await connect(server.url, prefix);
  const warnings: string[] = [];
  const logger = { warn: (message: string) => warnings.push(message), info: () => {} };
  const fake = await startFakeProvider({ script: { 'gpt-down': 'overloaded' } });
  try {
    const model = (store: HealthStore) =>
      chain(fake.openaiBaseURL, 'gpt-down', 'gpt-backup', {
        maxRetriesPerModel: 0,
        circuitBreaker: { store, failureThreshold: 1 },
        logger,
      });
    const inA = model(a.store);
    const latencies: number[] = [];
    let failed = 0;
    const call = async () => {
      const started = performance.now();
      await generateText({ model: inA, prompt: 'hi', maxRetries: 0 }).catch(() => failed++);
      latencies.push(performance.now() - started);
    };
    await call(); // opens gpt-down
    await server.kill();
    const killedAt = performance.now();
    while (performance.now() - killedAt < 3_000) {
      await call();
      await sleep(100);
    }
    const downRequests = fake.requestsFor('gpt-down').length;
    await server.restart();
    const restartedAt = performance.now();
    // Sharing resumes when a circuit opened through A is seen through B.
    let resumedMs: number | undefined;
    for (let round = 0; resumedMs === undefined && performance.now() - restartedAt < 15_000; round++) {
      fake.setScript({ 'gpt-down': 'overloaded', [`gpt-new-${round}`]: [{ status: 429, retryAfter: 60 }] });
      await generateText({
        model: chain(fake.openaiBaseURL, `gpt-new-${round}`, 'gpt-backup', {
          circuitBreaker: { store: a.store },
          logger,
        }),
        prompt: 'hi',
        maxRetries: 0,
      });
      const seen = await generateText({
        model: chain(fake.openaiBaseURL, `gpt-new-${round}`, 'gpt-backup', {
          circuitBreaker: { store: b.store },
          logger,
        }),
        prompt: 'hi',
        maxRetries: 0,
      });
      if (fallbackOf(seen).caught.some(c => c.skipped)) resumedMs = performance.now() - restartedAt;
      else await sleep(100);
    }
    console.log('\n== 3. redis-server killed for 3 s, then restarted (calls every 100 ms through store A)');
    console.log(
      `calls during the outage: ${latencies.length - 1}, failed: ${failed}, latency median ${median(latencies.slice(1))} ms, max ${Math.round(Math.max(...latencies.slice(1)))} ms`,
    );
    console.log(
      `requests to the failing model after the kill: ${downRequests - 1} (local health kept its circuit open)`,
    );
    console.log(
      `"health store unavailable" warnings: ${warnings.filter(w => /health store unavailable/.test(w)).length}`,
    );
    console.log(
      `sharing resumed ${resumedMs === undefined ? 'NOT within 15 s' : `${Math.round(resumedMs)} ms after the restart`}`,
    );
  } finally {
    await fake.close();
    a.client.destroy();
    b.client.destroy();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN);
}

if (process.argv[2] === 'child') {
  await child(process.argv[3]!, JSON.parse(process.argv[4]!));
} else {
  await outageScenario();
  const server = await startRedisServer();
  try {
    await twoProcessScenario(server.url);
    await redisOutageScenario(server);
  } finally {
    await server.close();
  }
}
