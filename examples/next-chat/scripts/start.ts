/**
 * `npm run dev` / `npm start` in this folder (or `npx tsx examples/next-chat/scripts/start.ts dev`
 * from the repository root): runs `next dev` or `next start` for this app. When no provider key
 * is set, it first starts the fake provider on 127.0.0.1 and hands its URL to the app as
 * `FAKE_PROVIDER_URL`, so the chat works with no keys and no network.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type FakeProvider, startFakeProvider } from '../../../src/testing/index';
import { devScript } from './dev-script';

const [mode, ...nextArgs] = process.argv.slice(2);
if (mode !== 'dev' && mode !== 'start') {
  console.error(`usage: tsx scripts/start.ts <dev|start> [next options]; got '${mode ?? ''}'`);
  process.exit(2);
}

const appDir = fileURLToPath(new URL('..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const env = { ...process.env };
// With the fake provider the example talks to 127.0.0.1 only; Next's telemetry would not (an empty NEXT_TELEMETRY_DISABLED turns it back on).
env.NEXT_TELEMETRY_DISABLED ??= '1';
const hasKey =
  env.OPENAI_API_KEY ||
  env.OPENROUTER_API_KEY ||
  (env.AZURE_API_KEY && env.AZURE_RESOURCE_NAME) ||
  env.FAKE_PROVIDER_URL;

let fake: FakeProvider | undefined;
if (!hasKey) {
  fake = await startFakeProvider({ script: devScript(), tokenDelayMs: 40 });
  env.FAKE_PROVIDER_URL = fake.url;
  console.log(`[next-chat] no API key set: the chain uses the fake provider at ${fake.url}`);
  console.log(
    '[next-chat] a message containing "429" makes the primary answer 429; one containing "fail" fails every model',
  );
}

// Next binds to every interface by default; this example only needs the local machine.
const hostArgs = nextArgs.some(arg => arg === '-H' || arg === '--hostname') ? [] : ['--hostname', '127.0.0.1'];
const next = spawn(process.execPath, [nextBin, mode, appDir, ...hostArgs, ...nextArgs], { env, stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => next.kill(signal));
}
next.on('exit', async (code, signal) => {
  await fake?.close();
  process.exit(code ?? (signal ? 1 : 0));
});
