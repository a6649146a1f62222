/**
 * Run by long-timeouts-http.test.ts in a child process, so the parent sees
 * everything Node prints (a `TimeoutOverflowWarning` goes to stderr): calls
 * through the real `@ai-sdk/openai` against the fake provider over HTTP,
 * each with one clock set beyond what a timer can wait (2^31-1 ms). Prints
 * one `result: {json}` line per call, then exits.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { type FallbackConfig, withFallback } from '../../src/index';
import { startFakeProvider } from '../../src/testing/index';

const DAYS_30 = 30 * 86_400_000;

type Case = { name: string; options?: FallbackConfig; entryTimeouts?: Record<string, number> };

const cases: Case[] = [
  { name: 'requestMs', options: { timeouts: { requestMs: DAYS_30 } } },
  { name: 'firstChunkMs', options: { timeouts: { firstChunkMs: DAYS_30 } } },
  { name: 'chunkIdleMs', options: { timeouts: { chunkIdleMs: DAYS_30 } } },
  { name: 'totalMs', options: { timeouts: { totalMs: DAYS_30 } } },
  {
    name: 'all four',
    options: { timeouts: { requestMs: DAYS_30, firstChunkMs: DAYS_30, chunkIdleMs: DAYS_30, totalMs: DAYS_30 } },
  },
  { name: 'entry timeouts', entryTimeouts: { requestMs: DAYS_30, firstChunkMs: DAYS_30, chunkIdleMs: DAYS_30 } },
];

// The answer takes tens of milliseconds (a delayed first token, then a gap between tokens): a clock cut to 1 ms fires first.
const fake = await startFakeProvider({ script: { '*': { firstTokenDelayMs: 30 } }, tokenDelayMs: 2 });
const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });

for (const { name, options, entryTimeouts } of cases) {
  const base = openai.chat('gpt-4o');
  const model = withFallback([entryTimeouts === undefined ? base : { model: base, timeouts: entryTimeouts }], {
    logger: {},
    ...options,
  });
  for (const operation of ['generate', 'stream'] as const) {
    const started = performance.now();
    let text: string | undefined;
    let error: string | undefined;
    try {
      if (operation === 'generate') {
        text = (await generateText({ model, prompt: 'hi', maxRetries: 0 })).text;
      } else {
        const result = streamText({
          model,
          prompt: 'hi',
          maxRetries: 0,
          onError: ({ error: streamError }) => {
            error = String(streamError);
          },
        });
        text = await result.text;
      }
    } catch (thrown) {
      error = String(thrown);
    }
    const ms = Math.round(performance.now() - started);
    console.log(`result: ${JSON.stringify({ name, operation, text, error, ms })}`);
  }
}
await fake.close();
