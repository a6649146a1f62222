import type { BenchReport } from './bench-report';
import { CAP_MS, type FailoverResult, type ScenarioKey, scenarios } from './failover';
import { hedgingMarkdown } from './report-hedging';
import { goalLine, overheadMethod, overheadTable } from './report-overhead';
import { formatMs, formatNumber, median } from './stats';

export type { BenchReport } from './bench-report';

function cellFor(result: FailoverResult | undefined, showAttempts: boolean): string {
  if (result === undefined) return 'n/a';
  if (result.answeredMs.length === 0) {
    return `**no answer** (${result.unanswered[0] ?? 'unknown'})`;
  }
  const times = result.answeredMs;
  const spread = times.length > 1 ? ` (${formatMs(Math.min(...times))}–${formatMs(Math.max(...times))})` : '';
  const unanswered = result.unanswered.length > 0 ? `, ${result.unanswered.length} unanswered` : '';
  const attempts = showAttempts ? `<br>${formatNumber(median(result.primaryAttempts))} primary attempt(s)` : '';
  return `${formatMs(median(times))}${spread}${unanswered}${attempts}`;
}

function failoverTable(report: BenchReport): string[] {
  const { setups, failover } = report;
  const find = (scenario: ScenarioKey, setup: string) =>
    failover.find(r => r.scenario === scenario && r.setup === setup);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [row(['', ...setups.map(setup => setup.label)]), row(['---', ...setups.map(() => '---')])];
  for (const scenario of scenarios) {
    if (scenario.sequential !== undefined) {
      lines.push(
        row([
          `${scenario.title}: median per request`,
          ...setups.map(setup => cellFor(find(scenario.key, setup.key), false)),
        ]),
        row([
          `${scenario.title}: primary attempts in all`,
          ...setups.map(setup =>
            String(find(scenario.key, setup.key)?.primaryAttempts.reduce((a, b) => a + b, 0) ?? 'n/a'),
          ),
        ]),
        row([
          `${scenario.title}: all ${scenario.sequential} answers`,
          ...setups.map(setup => {
            const result = find(scenario.key, setup.key);
            if (result === undefined) return 'n/a';
            const total = result.answeredMs.reduce((a, b) => a + b, 0);
            return `${formatMs(total)}${result.unanswered.length > 0 ? ` + ${result.unanswered.length} unanswered` : ''}`;
          }),
        ]),
      );
    } else {
      lines.push(row([scenario.title, ...setups.map(setup => cellFor(find(scenario.key, setup.key), true))]));
    }
  }
  return lines;
}

/** BENCHMARKS.md. */
export function benchmarksMarkdown(report: BenchReport): string {
  const { environment: env, plan } = report;
  return `${[
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench` (bench/run.ts). Edits by hand are overwritten. -->',
    '',
    'What `ai-sdk-fallback` costs when nothing fails, and how fast each library gets an answer when the primary model fails, measured side by side with [`ai-fallback`](https://github.com/remorses/ai-fallback) and [`ai-retry`](https://github.com/zirkelc/ai-retry) in one run. Figures are medians; ratios are taken within one round against calling the model directly, then the median over rounds (for calls and `streamText`: over processes, each reporting its median over rounds) is shown with the smallest and largest in parentheses.',
    '',
    '## Run',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${env.date} |`,
    `| machine | ${env.machine} |`,
    `| load average (1 min) | ${report.load.start} at start, ${report.load.end} at end (other work on the machine adds noise) |`,
    `| Node | ${env.node} |`,
    `| packages | ${Object.entries(env.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')} |`,
    `| source | ${env.revision} |`,
    `| duration | ${formatNumber(report.durationS)} s |`,
    '',
    'Commands:',
    '',
    '```sh',
    'npm run bench          # npm run build && node --expose-gc --import tsx bench/run.ts: everything below, writes BENCHMARKS.md and the chart',
    'npm run bench -- --quick                                         # fewer rounds, for a smoke test: prints, writes nothing (not for quoting)',
    'npm run bench -- --hedging                                       # the hedging scenario alone: rewrites its section of BENCHMARKS.md and its chart',
    `npx node --expose-gc --import tsx bench/heap-child.ts ai-sdk-fallback doGenerate ${plan.heapCalls}   # one heap figure (the run starts one such process per library and operation)`,
    'npx node --import tsx bench/calls-child.ts generateText 400 3000   # one process of a call row (the run starts several per row, one after another)',
    "npx tsx bench/generate-floor.ts generateText   # the floor of a call wrapper with this package's guarantees, next to ai-fallback and the package (no argument: spec-level doGenerate)",
    "npx tsx bench/stream-floor.ts                  # the floor of a stream wrapper per part: an eager copy, the least that keeps backpressure, this package's loop",
    'npx node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/profile.ts ai-sdk-fallback doGenerate 5 && npx tsx bench/profile-summary.ts .profiles/*.cpuprofile   # where the time goes (doGenerate, doStream, generateText, streamText)',
    '```',
    '',
    '## Overhead when nothing fails',
    '',
    overheadMethod(report),
    '',
    ...overheadTable(report),
    '',
    goalLine(report),
    '',
    '## Failover: time to a complete answer',
    '',
    `\`generateText({ model, prompt, maxRetries: 0 })\` through the real \`@ai-sdk/openai\` (Responses API) against the fake provider (\`startFakeProvider\` from \`ai-sdk-fallback/testing\`) over HTTP on 127.0.0.1: models \`primary\` and \`fallback\`, the fallback always answers. Each single-request scenario is repeated ${plan.repetitions} times per library (fresh wrapped model each time, libraries interleaved); medians with the fastest and slowest in parentheses. The 20-request scenario uses one wrapped model for all 20, as an app does, so state a library keeps between requests counts. A request still running after ${CAP_MS / 1000} s is aborted by the harness and counts as no answer (a library that gets no answer twice is not asked again).`,
    '',
    ...failoverTable(report),
    '',
    `![Time to a complete answer per scenario and library](${report.chartPath})`,
    '',
    '### Configurations',
    '',
    'Each as its README recommends for "use another model when the primary fails", with a 1 s timeout where the library has one, and `maxRetries: 0` on the `generateText` call (all three READMEs ask for it).',
    '',
    ...report.setups.flatMap(setup => [`**${setup.label}**`, '', '```ts', setup.configuration, '```', '']),
    ...(report.hedging === undefined ? [] : [...hedgingMarkdown(report.hedging), '']),
    '## Notes',
    '',
    "- `ai-fallback` 3.x implements spec `v4` (AI SDK 7) itself. It has no timeout, so a primary that never answers holds the call until the caller gives up. After a failure it stays on the fallback for `modelResetInterval` (3 min), which is why it asks the primary once in the 20-request scenario; the same state is shared by every concurrent request of the instance. Its `doStream` copies every part into a new stream from within that stream's `start()`, so it reads the source ahead of the consumer, without backpressure.",
    "- `ai-retry` gets its 1 s for the primary from the caller's `abortSignal` (its README's way for a model-level deadline under `generateText`); its fallback gets a fresh 1 s. With the default `reset: 'after-request'` every request starts at the primary again.",
    '- `ai-sdk-fallback` by default retries a 503 or 429 on the same model twice (backoff 0.5 s then 1 s, halved at random; a `Retry-After` is waited for) before it falls back: the defaults favour the primary. `maxRetriesPerModel: 0` falls back at once. The circuit breaker (on by default, where present) stops asking a primary that failed 3 times for 30 s.',
    '- The in-memory ratios are upper bounds: a real model call takes 100 ms to minutes, so the microseconds a wrapper adds vanish against it; they matter only as a measure of the hot path.',
    '',
  ].join('\n')}`;
}
