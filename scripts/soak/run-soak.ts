import { type FakeRequest, startFakeProvider } from '../../src/testing/index';
import { createRandom } from './random';
import { createSendLog, SEND_ID_HEADER } from './send-log';
import { type CallRecord, runSoakCall } from './soak-call';
import { buildSoakChains, SOAK_TIMEOUTS } from './soak-chains';
import { BUDGET_GRACE_MS, type CallOutcome, checkCall, type SeenRequest } from './soak-check';
import type { SoakOptions } from './soak-options';
import { type CallPlan, drawCallPlan, type InjectedStep, plannedScript } from './soak-plan';

/** The result of a soak run. */
export interface SoakReport {
  passed: number;
  failed: number;
  durationMs: number;
  /** Lines worth printing above the summary: tallies, then every violation. */
  details: string[];
}

// Past this a call is declared hung and aborted, so the soak always ends.
const WATCHDOG_MS = SOAK_TIMEOUTS.totalMs + 20_000;
// undici closes an idle spare connection after its 4 s keep-alive timeout.
const IDLE_DEADLINE_MS = 15_000;

/**
 * Runs `requests` calls, `concurrency` at a time, through the real provider packages against
 * a fake provider injecting seeded random faults, and checks every call (see `checkCall`) and
 * the run as a whole: no unhandled rejection, and no socket left open once calls settled.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);

  const fake = await startFakeProvider();
  const details: string[] = [];
  const violations: string[] = [];
  const outcomes = new Map<CallOutcome | 'unclassified', number>();
  const injectedCounts = new Map<string, number>();
  let loadTimeouts = 0;
  let passed = 0;
  let failed = 0;

  try {
    const log = createSendLog();
    const chains = buildSoakChains(fake, log.fetch);
    const random = createRandom(options.seed);
    const plans: CallPlan[] = Array.from({ length: options.requests }, (_, index) =>
      drawCallPlan(random, index, chains.length),
    );
    const injected = new WeakMap<FakeRequest, InjectedStep>();
    fake.setScript({ '*': plannedScript(plans, injected) });

    const records: CallRecord[] = new Array(options.requests);
    let next = 0;
    const worker = async () => {
      while (next < plans.length) {
        const plan = plans[next++]!;
        records[plan.index] = await runSoakCall(chains[plan.chain]!.model, plan.operation, plan.index, WATCHDOG_MS);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, plans.length) }, worker));

    // The chain's attempts, in the order it sent them, joined with what the fake did to each.
    const received = new Map<string, FakeRequest>();
    for (const request of fake.requests) {
      const step = injected.get(request);
      if (step !== undefined) injectedCounts.set(step.label, (injectedCounts.get(step.label) ?? 0) + 1);
      const sendId = request.headers[SEND_ID_HEADER];
      if (sendId !== undefined) received.set(sendId, request);
    }
    const byCall = new Map<number, SeenRequest[]>();
    for (const sent of log.sent) {
      if (sent.callIndex === undefined) continue;
      const request = received.get(String(sent.sendId));
      const seen: SeenRequest = { ...sent, injected: request === undefined ? undefined : injected.get(request) };
      const list = byCall.get(sent.callIndex);
      if (list === undefined) byCall.set(sent.callIndex, [seen]);
      else list.push(seen);
    }

    for (const plan of plans) {
      const verdict = checkCall({
        plan,
        chain: chains[plan.chain]!,
        record: records[plan.index]!,
        requests: byCall.get(plan.index) ?? [],
      });
      loadTimeouts += verdict.loadTimeouts;
      const outcome = verdict.outcome ?? 'unclassified';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (verdict.violations.length === 0) {
        passed++;
      } else {
        failed++;
        const route = `${plan.operation} via ${chains[plan.chain]!.name}`;
        for (const violation of verdict.violations) violations.push(`call #${plan.index} (${route}): ${violation}`);
        if (process.env.SOAK_DUMP) {
          const dump = { plan, record: records[plan.index], requests: byCall.get(plan.index) ?? [] };
          console.error(
            JSON.stringify(dump, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message } : v), 1),
          );
        }
      }
    }

    const durations = records.map(record => record.durationMs).sort((a, b) => a - b);
    details.push(
      `calls: ${[...outcomes].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}`,
      `faults injected: ${[...injectedCounts]
        .sort((a, b) => b[1] - a[1])
        .map(([label, count]) => `${label} ${count}`)
        .join(', ')}`,
      `call duration: p50 ${Math.round(durations[Math.floor(durations.length / 2)] ?? 0)} ms, max ${Math.round(durations.at(-1) ?? 0)} ms (budget ${SOAK_TIMEOUTS.totalMs} + ${BUDGET_GRACE_MS} ms)`,
      `provider requests: ${fake.requests.length}; healthy requests ended by a chain clock (machine load): ${loadTimeouts}`,
    );
  } finally {
    // Settled calls must leave nothing open; give undici's idle spare sockets their timeout.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idle = await Promise.race([
      fake.whenIdle().then(() => true),
      new Promise<false>(resolve => {
        timer = setTimeout(resolve, IDLE_DEADLINE_MS, false);
      }),
    ]);
    clearTimeout(timer);
    const open = fake.openConnections();
    if (!idle || open !== 0) {
      failed++;
      violations.push(
        `${open} connection(s) to the fake provider still open ${IDLE_DEADLINE_MS} ms after the last call settled`,
      );
    }
    await fake.close();
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  }

  if (unhandled.length > 0) {
    failed++;
    violations.push(
      `${unhandled.length} unhandled rejection(s) or uncaught exception(s), first: ${String(unhandled[0])}`,
    );
  }
  details.push(...violations.slice(0, Number(process.env.SOAK_MAX_DETAILS ?? 50)));
  if (violations.length > 50) details.push(`… and ${violations.length - 50} more violations`);
  return { passed, failed, durationMs: performance.now() - started, details };
}
