import { barChartSvg } from './chart';
import { extraShare, type HedgingPlan, type HedgingResult, type HedgingSetup, TAIL } from './hedging';
import { formatMs, percentile } from './stats';

export const HEDGING_CHART = 'docs/bench-hedging.svg';
const START = '<!-- hedging:start -->';
const END = '<!-- hedging:end -->';

/** What the hedging section needs of a run. */
export interface HedgingReport {
  plan: HedgingPlan;
  setups: readonly HedgingSetup[];
  results: HedgingResult[];
  /** When and under what load it ran (`npm run bench -- --hedging` measures this section alone). */
  date: string;
  load: { start: string; end: string };
}

const PERCENTILES = [50, 95, 99] as const;

/** The section of BENCHMARKS.md, between markers so that `--hedging` can replace it alone. */
export function hedgingMarkdown(report: HedgingReport): string[] {
  const { plan, setups, results } = report;
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const table = [
    row(['', ...PERCENTILES.map(p => `p${p} time to first token`), 'extra requests', 'unanswered']),
    row(['---', ...PERCENTILES.map(() => '---'), '---', '---']),
    ...setups.map(setup => {
      const result = results.find(r => r.setup === setup.key)!;
      return row([
        setup.label,
        ...PERCENTILES.map(p => formatMs(percentile(result.ttftMs, p))),
        `${(extraShare(result) * 100).toFixed(1)} %`,
        String(result.unanswered.length),
      ]);
    }),
  ];
  return [
    START,
    '',
    '## Hedging: a primary with a heavy tail',
    '',
    `Issue 15's scenario, run ${report.date} (load average ${report.load.start} at start, ${report.load.end} at end: the machine is shared with other work: the primary alone's p50, nominally 150 ms, shows how late a first token was seen at this load). The fake provider on 127.0.0.1 streams the primary's first token after ${TAIL.fastMs} ms, but after ${formatMs(TAIL.slowMs)} for ${TAIL.slowShare * 100} % of its requests (seeded, the same sequence for every setup); the fallback's first token comes after ${TAIL.fallbackMs} ms, always. ${plan.calls.toLocaleString('en-US')} \`streamText\` calls through the real \`@ai-sdk/openai\` (chat), ${plan.concurrency} at a time, on one wrapped model per setup (so \`'auto'\` learns as an app's would, from a cold start), in 10 rounds of 100 calls where the setups take turns (the order rotated per round), so a change of load falls on all of them alike. Time to first token: from the call to the first \`textStream\` chunk, nearest-rank percentiles over the answered calls. Extra requests: requests the provider received beyond one per call, as a share of calls. A call without an answer after 10 s is aborted and counted as unanswered.`,
    '',
    ...table,
    '',
    `![Time to first token per percentile and setup](${HEDGING_CHART})`,
    '',
    'Command: `npm run bench -- --hedging` (this section and its chart alone; `npm run bench` runs it with everything else).',
    '',
    '### Hedging configurations',
    '',
    ...setups.flatMap(setup => [`**${setup.label}**`, '', '```ts', setup.configuration, '```', '']),
    END,
  ];
}

export function hedgingChart(report: HedgingReport): string {
  return barChartSvg({
    title: `Time to first token, primary with a ${TAIL.slowShare * 100} % tail of ${formatMs(TAIL.slowMs)} (streamText, ${report.plan.concurrency} at a time)`,
    series: report.setups.map(setup => ({ name: setup.label, color: setup.color })),
    groups: PERCENTILES.map(p => ({
      label: `p${p}`,
      values: report.setups.map(setup => {
        const result = report.results.find(r => r.setup === setup.key)!;
        return result.ttftMs.length === 0 ? undefined : percentile(result.ttftMs, p);
      }),
    })),
    missingLabel: 'no answer',
    missingAtMs: 10_000,
    axisLabel: 'time to first token (log scale)',
  });
}

/** BENCHMARKS.md with its hedging section replaced (or added before the notes). */
export function spliceHedging(markdown: string, section: string[]): string {
  const text = section.join('\n');
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start !== -1 && end > start) return markdown.slice(0, start) + text + markdown.slice(end + END.length);
  const notes = markdown.indexOf('## Notes');
  return notes === -1 ? `${markdown}\n${text}\n` : `${markdown.slice(0, notes)}${text}\n\n${markdown.slice(notes)}`;
}
