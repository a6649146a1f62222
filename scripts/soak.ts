/**
 * `npm run soak [-- --seed N --requests N --concurrency N]`: the chaos soak. Prints the seed,
 * some details, then exactly one summary line `N passed, N failed`. Exits 0 only when nothing
 * failed, and exits by itself: a timer or socket left behind would keep it running.
 */
import { runSoak } from './soak/run-soak';
import { parseSoakArgs, type SoakOptions } from './soak/soak-options';

let options: SoakOptions;
try {
  options = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

console.log(
  `soak: seed ${options.seed}, ${options.requests} requests, ${options.concurrency} concurrent (replay with --seed ${options.seed})`,
);
const report = await runSoak(options);
for (const line of report.details) console.log(line);
console.log(`duration: ${(report.durationMs / 1000).toFixed(1)} s`);
console.log(`${report.passed} passed, ${report.failed} failed`);
process.exitCode = report.failed === 0 ? 0 : 1;
