/**
 * The Next.js example (`examples/next-chat`) in a real browser: a production build served by
 * `next start`, its chain pointed at a fake provider this test scripts, driven through Debian's
 * Chromium. Screenshots of every step go to `test-results/e2e/`.
 * `UPDATE_DOCS_SCREENSHOT=1` also refreshes `docs/next-chat.png`, shown by docs/examples.md and the example's README.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalAnswer, type FakeProvider, startFakeProvider } from '../../src/testing/index';
import { type Answer, ChatPage, SCREENSHOT_DIR } from './chat-page';
import { childEnv, startNode } from './child-process';
import { freePort } from './free-port';
import { launchChromium } from './launch-chromium';
import { buildNextChat, NEXT_CHAT_DIR, type NextServer, startNextChat, TSX_CLI } from './next-app';
import { acquireRunLock } from './run-lock';

// The chain in examples/next-chat/lib/chain.ts when FAKE_PROVIDER_URL is set.
const PRIMARY = 'gpt-4o';
const OPENROUTER = 'openai/gpt-4o-mini';
const AZURE = 'gpt-4o-fallback';

// `next build` takes 1–3 minutes on two busy cores.
const BUILD_TIMEOUT_MS = 300_000;
// Another `npm test` in the same working tree may be running this file: it takes 1–3 minutes.
const LOCK_TIMEOUT_MS = 300_000;

describe('examples/next-chat', { timeout: 90_000 }, () => {
  let releaseLock: (() => void) | undefined;

  beforeAll(
    async () => {
      releaseLock = await acquireRunLock(NEXT_CHAT_DIR, LOCK_TIMEOUT_MS);
      // Screenshots of an earlier run would mix with this run's.
      rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
      await buildNextChat(BUILD_TIMEOUT_MS);
    },
    LOCK_TIMEOUT_MS + BUILD_TIMEOUT_MS + 10_000,
  );

  afterAll(() => releaseLock?.());

  describe('in Chromium', () => {
    let fake: FakeProvider;
    let server: NextServer;
    let browser: Awaited<ReturnType<typeof launchChromium>>;
    let chat: ChatPage | undefined;

    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    }, 30_000);

    // A fresh fake and a fresh app per test: the chain keeps state between requests (a circuit
    // opened by one test's Retry-After must not decide the next test). `next start` takes ~1 s.
    beforeEach(async () => {
      // Slow enough that Stop lands mid-answer, fast enough to keep the test short.
      fake = await startFakeProvider({ tokenDelayMs: 15 });
      server = await startNextChat({ FAKE_PROVIDER_URL: fake.url }, 60_000);
    }, 90_000);

    afterEach(async () => {
      await chat?.page.close();
      chat = undefined;
      await server?.process.stop();
      await fake?.close();
    }, 30_000);

    async function openChat(name: string, path = '/'): Promise<ChatPage> {
      chat = new ChatPage(await browser.context.newPage(), name, () => server.process.output());
      await chat.open(`${server.url}${path}`);
      return chat;
    }

    /** The answer is OpenRouter's whole answer alone, badged as the fallback, listing what it recovered from. */
    async function expectFallbackAnswer(chat: ChatPage, answer: Answer, caught: string): Promise<void> {
      await chat.expect(
        answer.text === canonicalAnswer(OPENROUTER),
        `the fallback's answer alone, got "${answer.text}"`,
      );
      await chat.expect(
        answer.badge === `fallback · openrouter:${OPENROUTER}`,
        `a badge naming the fallback, got "${answer.badge}"`,
      );
      await chat.expect(
        answer.caught === caught,
        `what the fallback recovered from: "${caught}", got "${answer.caught}"`,
      );
    }

    const fallbackRequests = () => fake.requests.filter(request => request.model !== PRIMARY);
    const requestLog = () =>
      JSON.stringify(fake.requests.map(({ model, step, aborted }) => ({ model, step, aborted })));

    it('answers each message, and the badge names the fallback when the primary answers 429', async () => {
      fake.setScript({ [PRIMARY]: ['ok', { status: 429, retryAfter: 30 }] });
      const chat = await openChat('1-primary-429');

      await chat.send('Hi!');
      const first = await chat.waitForAnswer('first message (primary ok)');
      await chat.expect(first.text === canonicalAnswer(PRIMARY), `the primary's answer, got "${first.text}"`);
      await chat.expect(first.badge === `openai:${PRIMARY}`, `the primary's badge, got "${first.badge}"`);

      await chat.send('Why is the sky blue?');
      const second = await chat.waitForAnswer('second message (primary 429)');
      const shot = await chat.screenshot('answered-by-fallback');
      await expectFallbackAnswer(chat, second, `after openai:${PRIMARY} rate-limit 429`);
      await chat.expect(first.caught === undefined, `nothing caught for the primary's answer, got "${first.caught}"`);
      await chat.expect((await chat.error.count()) === 0, 'no error message');
      // 429 with a Retry-After beyond maxRetryAfterMs: no retry, straight to the next provider.
      await chat.check(() =>
        expect(fake.requests.map(request => [request.model, request.step])).toEqual([
          [PRIMARY, 'ok'],
          [PRIMARY, 'status 429'],
          [OPENROUTER, 'ok'],
        ]),
      );

      if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
        mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
        copyFileSync(shot, join(process.cwd(), 'docs', 'next-chat.png'));
      }
    });

    it('answers from the fallback when the primary stream is cut before any output', async () => {
      fake.setScript({ [PRIMARY]: { cutAfterTokens: 0 } });
      const chat = await openChat('2-stream-cut');

      await chat.send('Tell me about fallbacks.');
      const answer = await chat.waitForAnswer('primary cut before output');
      await chat.screenshot('answered-by-fallback');
      // Both cut attempts are listed.
      await expectFallbackAnswer(chat, answer, `after openai:${PRIMARY} network, openai:${PRIMARY} network`);
      // The app allows one retry per model: the cut primary is tried twice, then OpenRouter once.
      await chat.check(() =>
        expect(fake.requests.map(request => [request.model, request.step])).toEqual([
          [PRIMARY, 'cutAfterTokens 0'],
          [PRIMARY, 'cutAfterTokens 0'],
          [OPENROUTER, 'ok'],
        ]),
      );
    });

    it('shows an error when every provider fails, and the next message works', async () => {
      fake.setScript({ [PRIMARY]: 'auth', [OPENROUTER]: 'credits', [AZURE]: 'content-filter' });
      const chat = await openChat('3-all-fail');

      await chat.send('Is anyone there?');
      await chat.waitFor(chat.error, 'the error message');
      await chat.waitForIdle('after the error');
      await chat.screenshot('error');
      const errorText = (await chat.error.textContent()) ?? '';
      for (const expected of [
        'Every model failed',
        `openai:${PRIMARY} (auth 401)`,
        `openrouter:${OPENROUTER} (quota-exceeded 402)`,
        `azure:${AZURE} (content-filter 400)`,
      ]) {
        await chat.expect(errorText.includes(expected), `the error to mention "${expected}", got "${errorText}"`);
      }
      await chat.expect((await chat.assistantMessages.count()) === 0, 'no empty assistant message for the failed turn');
      await chat.check(() => expect(fake.requests.map(request => request.model)).toEqual([PRIMARY, OPENROUTER, AZURE]));

      fake.setScript({});
      await chat.send('Now?');
      const answer = await chat.waitForAnswer('the message after the failure');
      await chat.screenshot('recovered');
      await chat.expect(answer.text === canonicalAnswer(PRIMARY), `the primary's answer, got "${answer.text}"`);
      await chat.expect(answer.badge === `openai:${PRIMARY}`, `the primary's badge, got "${answer.badge}"`);
      await chat.expect((await chat.error.count()) === 0, 'the error message gone');
    });

    it('on the Edge runtime route, the fallback answers a 429 with its badge', async () => {
      fake.setScript({ [PRIMARY]: { status: 429, retryAfter: 30 } });
      const chat = await openChat('5-edge-primary-429', '/edge');

      await chat.send('Hello from the edge?');
      const answer = await chat.waitForAnswer('edge route, primary 429');
      await chat.screenshot('edge-answered-by-fallback');
      await expectFallbackAnswer(chat, answer, `after openai:${PRIMARY} rate-limit 429`);
      // The route says where it ran: Next.js defines `EdgeRuntime` on the Edge runtime only.
      const runtime = (await chat.answer.getByTestId('runtime').textContent())?.trim();
      await chat.expect(runtime === 'edge runtime', `the answer to come from the Edge runtime, got "${runtime}"`);
      await chat.check(() =>
        expect(fake.requests.map(request => [request.model, request.step])).toEqual([
          [PRIMARY, 'status 429'],
          [OPENROUTER, 'ok'],
        ]),
      );
    });

    it('"primary only" asks the primary alone: its own error on a 429, no retry, no fallback', async () => {
      fake.setScript({ [PRIMARY]: [{ status: 429, retryAfter: 30 }, 'ok'] });
      const chat = await openChat('6-primary-only');
      await chat.page.getByTestId('primary-only').check();

      await chat.send('Only the primary, please.');
      await chat.waitFor(chat.error, 'the primary’s error');
      await chat.waitForIdle('after the error');
      await chat.screenshot('primary-only-error');
      const errorText = (await chat.error.textContent())?.trim() ?? '';
      await chat.expect(
        errorText === 'The primary model failed (HTTP 429).',
        `the primary's own error, got "${errorText}"`,
      );
      await chat.check(() =>
        expect(fake.requests.map(request => [request.model, request.step])).toEqual([[PRIMARY, 'status 429']]),
      );

      await chat.send('And now?');
      const answer = await chat.waitForAnswer('primary only, primary ok');
      await chat.screenshot('primary-only-answer');
      await chat.expect(answer.text === canonicalAnswer(PRIMARY), `the primary's answer, got "${answer.text}"`);
      await chat.expect(
        answer.badge === `primary only · openai:${PRIMARY}`,
        `the primary-only badge, got "${answer.badge}"`,
      );
      await chat.check(() => {
        expect(fallbackRequests(), requestLog()).toEqual([]);
        // The page's switch travels in useChat's request body; the chain's settings never reach a provider.
        for (const request of fake.requests) expect(JSON.stringify(request.body)).not.toContain('fallback');
      });
    });

    it('sends no fallback request when the user presses Stop mid-answer', async () => {
      // Three tokens, then silence: the answer is visibly under way when Stop is pressed.
      fake.setScript({ [PRIMARY]: { stallAfterTokens: 3 } });
      const chat = await openChat('4-stop');

      await chat.send('Write a long poem.');
      await chat.waitFor(chat.answer.filter({ hasText: 'Hello' }), 'the first tokens of the answer');
      await chat.screenshot('streaming');
      await chat.stopButton.click();
      await chat.waitForIdle('after Stop');
      // Stop closes the browser's request; the app must close the provider's in turn.
      await withTimeout(fake.whenIdle(), 20_000, () => `the primary request still open after Stop: ${requestLog()}`);
      await chat.screenshot('stopped');

      await chat.check(() => {
        expect(fake.requests, requestLog()).toHaveLength(1);
        expect(fake.requests[0], requestLog()).toMatchObject({ model: PRIMARY, aborted: true });
      });
      const stopped = (await chat.answer.locator('.text').textContent())?.trim() ?? '';
      await chat.expect(
        stopped.length > 0 && canonicalAnswer(PRIMARY).startsWith(stopped) && stopped !== canonicalAnswer(PRIMARY),
        `the answer to stay as far as it got, got "${stopped}"`,
      );
      await chat.expect((await chat.error.count()) === 0, 'no error message: stopping is not a failure');

      // A late fallback would have been sent before this round trip ends.
      fake.setScript({});
      await chat.send('Short answer, please.');
      const next = await chat.waitForAnswer('the message after Stop');
      await chat.expect(next.badge === `openai:${PRIMARY}`, `the primary's badge, got "${next.badge}"`);
      await chat.check(() => {
        expect(fallbackRequests(), requestLog()).toEqual([]);
        expect(fake.requests.map(request => [request.model, request.aborted])).toEqual([
          [PRIMARY, true],
          [PRIMARY, false],
        ]);
      });
    });
  });

  it('`npm start` without keys starts the fake provider itself and the chat answers', async () => {
    const port = await freePort();
    const env = childEnv();
    delete env.FAKE_PROVIDER_URL;
    const launcher = startNode(
      [TSX_CLI, join(NEXT_CHAT_DIR, 'scripts', 'start.ts'), 'start', '--port', String(port)],
      env,
    );
    try {
      await launcher.waitForOutput('Ready', 60_000);
      expect(launcher.output()).toContain('no API key set: the chain uses the fake provider at http://127.0.0.1:');
      const response = await fetch(`http://127.0.0.1:${port}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Show me a 429' }] }],
        }),
      });
      const body = await response.text();
      expect(response.status).toBe(200);
      // The launcher's fake answers a message mentioning 429 with a 429 from the primary.
      expect(body).toContain(`"servedBy":"openrouter:${OPENROUTER}"`);
    } finally {
      await launcher.stop();
    }
    expect(launcher.child.signalCode, launcher.output()).toBeNull();
  });
});

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
