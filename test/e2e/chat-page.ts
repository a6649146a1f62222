import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Screenshots of every step land here (git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'e2e');

/** An assistant answer as the page shows it: its text, its badge, and what the chain caught on the way. */
export interface Answer {
  text: string;
  badge: string;
  caught: string | undefined;
}

/**
 * The chat page as a user sees it. Every wait fails with the page's visible text and a
 * screenshot, so a red test says what the browser showed.
 */
export class ChatPage {
  /** Assistant messages on the page before the last `send`: the answer to it is the next one. */
  private answersBefore = 0;

  constructor(
    readonly page: Page,
    private readonly name: string,
    /** The app server's recent output, appended to failures. */
    private readonly serverLog: () => string = () => '',
  ) {}

  get input(): Locator {
    return this.page.getByLabel('Message');
  }

  get assistantMessages(): Locator {
    return this.page.getByTestId('message-assistant');
  }

  get error(): Locator {
    return this.page.getByTestId('chat-error');
  }

  get stopButton(): Locator {
    return this.page.getByTestId('stop');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitFor(this.input, 'the message input');
  }

  async send(text: string): Promise<void> {
    this.answersBefore = await this.assistantMessages.count();
    await this.input.fill(text);
    await this.page.getByTestId('send').click();
    await this.waitFor(this.page.getByTestId('message-user').filter({ hasText: text }), `the user message "${text}"`);
  }

  /** The answer to the last `send`. */
  get answer(): Locator {
    return this.assistantMessages.nth(this.answersBefore);
  }

  /** Waits until the stream has ended: the Stop button gave way to Send. */
  async waitForIdle(description: string): Promise<void> {
    await this.waitFor(this.page.getByTestId('send'), `${description}: the Send button (the stream ended)`);
  }

  /** Waits for the complete answer to the last `send`: its badge arrives with the last step, then the stream ends. */
  async waitForAnswer(description: string): Promise<Answer> {
    await this.waitFor(this.answer.getByTestId('served-by'), `${description}: the answer's badge`);
    await this.waitForIdle(description);
    const caught = this.answer.getByTestId('caught');
    return {
      text: (await this.answer.locator('.text').textContent())?.trim() ?? '',
      badge: (await this.answer.getByTestId('served-by').textContent())?.trim() ?? '',
      caught: (await caught.count()) === 0 ? undefined : (await caught.textContent())?.trim(),
    };
  }

  async waitFor(locator: Locator, description: string, timeoutMs = 30_000): Promise<void> {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (error) {
      throw await this.failure(`waited ${timeoutMs} ms for ${description}`, error);
    }
  }

  /** Asserts with the page's text in the message when `check` is false. */
  async expect(check: boolean, description: string): Promise<void> {
    if (!check) throw await this.failure(`expected ${description}`);
  }

  /** Runs vitest assertions; a failing one keeps its diff and gains the page's text. */
  async check(assertions: () => void): Promise<void> {
    try {
      assertions();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      error.message = `${error.message}\n${await this.context()}`;
      throw error;
    }
  }

  async screenshot(step: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${this.name}-${step}.png`);
    // The content only, not the empty viewport below it: small files, readable in the docs.
    await this.page.locator('main').screenshot({ path });
    return path;
  }

  private async failure(message: string, cause?: unknown): Promise<Error> {
    return new Error(`${this.name}: ${message}\n${await this.context()}`, { cause });
  }

  /** What a failure report needs: the page's text, a screenshot, the app server's last lines. */
  private async context(): Promise<string> {
    const body = this.page.locator('body');
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what the user saw
    const text = await body.innerText({ timeout: 2_000 }).catch(() => '(page text unavailable)');
    const shot = await this.screenshot('failure').catch(() => '(no screenshot)');
    const log = this.serverLog().split('\n').slice(-20).join('\n');
    return `--- page text ---\n${text}\n--- screenshot: ${shot}\n--- app server, last lines ---\n${log}`;
  }
}
