/**
 * `npm run demo`: a fallback chain configured from examples/demo.config.json
 * (OpenAI → OpenRouter → Azure), run against the built-in fake provider on
 * 127.0.0.1 with scripted faults: no network, no API keys. The config has no
 * base URLs; the fake server's port is only known at run time, so the demo
 * sets each entry's baseURL to the fake's URL for its provider before
 * building the chain (see pointAtFake in examples/demo/run-demo.ts).
 *
 *   npm run demo -- --help               options and scenarios
 *   npm run demo -- --scenario all-fail  another scripted scenario
 *   npm run demo -- --live               the real providers, keys from the environment
 */
import { runDemo } from './demo/run-demo';

process.exitCode = await runDemo(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
