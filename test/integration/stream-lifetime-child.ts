/**
 * Run by stream-lifetime.test.ts in a child process: one `streamText` or
 * `generateText` call through the real `@ai-sdk/openai`, whose `fetch` is the
 * in-memory fake provider (no socket: once the fake has sent its answer,
 * nothing but our own clocks could keep the process alive).
 *
 * argv: `<bare|wrapped> <default|no-total> <scenario>`. Prints `dropped` when
 * it lets go of the stream (or `answer: …` when a call settles), and on exit
 * `exit-after-ms: N`, the time from letting go (or from the start) to exit,
 * and whether each request was aborted.
 */
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { withFallback } from '../../src/index';
import { type FakeStep, fakeProviderFetch } from '../../src/testing/index';

// 200 tokens: far more than the AI SDK reads ahead of a consumer that stopped reading.
const LONG = Array.from({ length: 200 }, (_, index) => `w${index}`).join(' ');

const SCENARIOS = {
  /** Read one chunk of a healthy answer, then drop the stream. */
  drop: { primary: 'ok' },
  /** Read one chunk; the upstream then stays open and silent, like a stalled connection; drop the stream. */
  'drop-silent': { primary: { stallAfterTokens: 3 } },
  /** Read one chunk, drop the stream; the upstream is cut soon after (within what the SDK reads ahead). */
  'drop-cut-early': { primary: { cutAfterTokens: 3 } },
  /** Read one chunk, drop the stream; the upstream is cut far ahead of what anyone reads. */
  'drop-cut-late': { primary: { cutAfterTokens: 150, text: LONG } },
  /** The upstream fails after commit; read the stream to its end (the error), then stop. */
  'read-failed': { primary: { cutAfterTokens: 3 } },
  /** Read one chunk, then `reader.cancel()`. */
  cancel: { primary: 'ok' },
  /** Read one chunk of an upstream that then stays silent, then `reader.cancel()`. */
  'cancel-silent': { primary: { stallAfterTokens: 3 } },
  /** The answer is cut, another model continues it (`midStream: 'continue'`); read into the continuation, drop. */
  'drop-continued': { primary: { cutAfterTokens: 3, text: LONG }, backup: { text: LONG } },
  /** `streamText` whose `doStream` resolves only after 300 ms (an unref'd timer): must still print the answer. */
  'wait-stream': { primary: 'ok' },
  /** The same for `generateText`. */
  'wait-generate': { primary: 'ok' },
} satisfies Record<string, { primary: FakeStep; backup?: FakeStep }>;

type Scenario = keyof typeof SCENARIOS;

const [wrap, timeouts, scenario] = process.argv.slice(2) as ['bare' | 'wrapped', 'default' | 'no-total', Scenario];
const startedAt = performance.now();
let from = startedAt;

const { primary, backup = 'ok' } = SCENARIOS[scenario] as { primary: FakeStep; backup?: FakeStep };
const fake = fakeProviderFetch({ 'gpt-4o': primary, 'gpt-4o-mini': backup });
process.on('exit', () => {
  console.log(`exit-after-ms: ${Math.round(performance.now() - from)}`);
  // Whether the provider saw its request aborted (the client went away before the answer ended).
  console.log(`aborted at exit: ${fake.requests.map(request => request.aborted).join(' ')}`);
});
// The wait scenarios delay the response with a timer that holds nothing: only a pending call may keep the process up.
const delayMs = scenario.startsWith('wait-') ? 300 : 0;
const fetch: typeof globalThis.fetch = async (input, init) => {
  if (delayMs > 0) await new Promise(resolve => setTimeout(resolve, delayMs).unref());
  return fake(input, init);
};
const openai = createOpenAI({ apiKey: 'test-key', fetch });
const bare: LanguageModelV4 = openai.chat('gpt-4o');
const model =
  wrap === 'bare'
    ? bare
    : withFallback(scenario === 'drop-continued' ? [bare, openai.chat('gpt-4o-mini')] : [bare], {
        logger: {},
        ...(timeouts === 'no-total' ? { timeouts: { totalMs: false } } : {}),
        ...(scenario === 'drop-continued' ? { midStream: 'continue' as const } : {}),
      });

function letGo(): void {
  from = performance.now();
  console.log(`requests: ${fake.requests.map(request => request.model).join(' ')}`);
  console.log('dropped');
}

async function main(): Promise<void> {
  if (scenario === 'wait-generate') {
    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });
    console.log(`answer: ${text}`);
    return;
  }
  const result = streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} });
  if (scenario === 'wait-stream') {
    console.log(`answer: ${await result.text}`);
    return;
  }
  if (scenario === 'read-failed') {
    const parts: string[] = [];
    try {
      for await (const part of result.fullStream) parts.push(part.type);
    } catch (error) {
      // The bare provider's stream rejects the read instead of sending an error part.
      parts.push(`thrown ${String(error)}`);
    }
    console.log(`parts: ${parts.join(' ')}`);
    letGo();
    return;
  }
  const reader = result.textStream.getReader();
  let text = '';
  // Into the continuation: the cut primary sent 3 tokens, so the 6th chunk comes from the model that continued.
  for (let chunks = scenario === 'drop-continued' ? 6 : 1; chunks > 0; chunks--) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  console.log(`read: ${JSON.stringify(text)}`);
  if (scenario.startsWith('cancel')) await reader.cancel();
  // Dropped: nothing refers to the stream or its reader once main returns.
  letGo();
}

// Not a top-level await, on purpose: Node would report an unsettled one (exit 13) instead of just exiting.
void main().catch(error => console.log(`failed: ${String(error)}`));
