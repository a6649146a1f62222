import { redactSecrets } from '../../src/errors/redact';
import {
  classifyError,
  FallbackExhaustedError,
  type FallbackExhaustedEvent,
  type FallbackMetadata,
  type FallbackRetryEvent,
  type FallbackSuccessEvent,
  type FallbackSwitchEvent,
  getRetryAfterMs,
} from '../../src/index';
import type { Terminal } from './terminal';

/** A chain entry as the trace names it. */
export interface TraceEntry {
  id: string;
  provider: string;
  model: string;
}

/** What happened to one entry during the call, for the summary. */
export interface EntryTally {
  failures: string[];
  answered: boolean;
  /** How its stream failed after its first output, if it did. */
  midStream?: string;
}

/** How the call ended, as the summary reports it. */
export interface TraceOutcome {
  kind: 'answer' | 'partial' | 'error';
  metadata?: FallbackMetadata;
  finishReason?: string;
}

/**
 * Prints the chain's life as it happens: each attempt with its provider and
 * model, what each failure was classified as, the wait before a retry, each
 * fallback and who answered. Driven by `withFallback`'s events plus a `fetch`
 * wrapper that says when a request actually leaves.
 */
export class TracePrinter {
  readonly tallies = new Map<string, EntryTally>();
  readonly #term: Terminal;
  readonly #entries: readonly TraceEntry[];
  #startedAt = Date.now();
  #attempts = 0;
  #textChars = 0;
  #answering: string | undefined;
  #current: TraceEntry | undefined;

  constructor(term: Terminal, entries: readonly TraceEntry[]) {
    this.#term = term;
    this.#entries = entries;
    for (const entry of entries) this.tallies.set(entry.id, { failures: [], answered: false });
  }

  /** Starts the clock the trace's timestamps count from. */
  start(): void {
    this.#startedAt = Date.now();
  }

  get attempts(): number {
    return this.#attempts;
  }

  /** A request left for `entry` (from the fetch wrapper). */
  requestStarted(entry: TraceEntry | undefined): void {
    this.#attempts++;
    this.#current = entry;
    const { bold, dim } = this.#term.style;
    const who = entry === undefined ? 'unknown entry' : `${bold(entry.id.padEnd(10))} ${dim(entry.model)}`;
    const continuing = this.#textChars > 0 ? dim('  (continuing the text received so far)') : '';
    this.#line(`attempt ${this.#attempts}  ${who}${continuing}`);
    this.#term.spin(() => `waiting for ${entry?.id ?? 'the provider'}… ${this.#elapsed()}`);
  }

  retry = (event: FallbackRetryEvent): void => {
    this.#fail(event.id, event.type, event.statusCode, event.error);
    const retryAfter = getRetryAfterMs(event.error);
    const why = retryAfter !== undefined && Math.abs(retryAfter - event.delayMs) < 50 ? 'Retry-After' : 'backoff';
    this.#line(`  ${this.#term.style.yellow('↻')} retry ${event.id} in ${seconds(event.delayMs)} (${why})`);
    const until = Date.now() + event.delayMs;
    this.#term.spin(() => `retrying ${event.id} in ${seconds(Math.max(0, until - Date.now()))}`);
  };

  fallback = (event: FallbackSwitchEvent): void => {
    this.#fail(event.from.id, event.type, event.statusCode, event.error);
    this.#line(
      `  ${this.#term.style.yellow('↪')} fall back from ${event.from.id} to ${this.#term.style.bold(event.to.id)} (${event.to.modelId})`,
    );
  };

  success = (event: FallbackSuccessEvent): void => {
    this.#answering = event.id;
    this.tallies.get(event.id)!.answered = true;
    const verb = this.#textChars > 0 ? 'continues the answer' : 'answers';
    this.#line(
      `  ${this.#term.style.green('✓')} ${this.#term.style.bold(event.id)} (${event.provider} ${event.modelId}) ${verb}: first output at ${seconds(event.durationMs)}, attempt ${event.attempts}`,
    );
  };

  exhausted = (event: FallbackExhaustedEvent): void => {
    const last = event.attempts.at(-1);
    if (last !== undefined) this.#fail(last.id, last.type, last.statusCode, last.error);
  };

  /** A mid-stream continuation, as the library logs it. */
  note = (message: string): void => {
    this.#line(`  ${this.#term.style.yellow('↪')} ${message.replace(/^\[ai-sdk-fallback\] /, '')}`);
  };

  /** Streamed answer text. */
  text(delta: string): void {
    if (this.#textChars === 0) {
      this.#term.line();
      this.#term.line(this.#term.style.bold('Answer (streamed):'));
    }
    this.#textChars += delta.length;
    this.#term.text(delta);
  }

  /** An `error` part of the stream: before any text the call failed; after it, the stream broke. */
  streamError(error: unknown): void {
    const { red, bold } = this.#term.style;
    if (FallbackExhaustedError.isInstance(error)) {
      this.#line(
        `${red('✗')} ${bold('the chain gave up')}: ${error.attempts.length} attempts failed (${error.reason})`,
      );
      return;
    }
    const type = classifyError(error);
    const status = statusOf(error);
    if (this.#textChars > 0) {
      const who = this.#answering ?? 'the model';
      this.#failLine(type, status, error);
      const tally = this.tallies.get(who);
      if (tally) tally.midStream = type;
      this.#line(
        `${red('✗')} ${who}'s stream failed after ${this.#textChars} characters (${type}); the text so far is kept, nothing is spliced in, the finish reason is 'error'`,
      );
      return;
    }
    // Only one entry was tried and none catches its error: no event was emitted for it.
    this.#fail(this.#current?.id ?? '?', type, status, error);
    this.#line(`${red('✗')} no entry catches '${type}': the provider's own error reaches the caller unchanged`);
  }

  /** The per-entry table and one closing line. */
  summary(outcome: TraceOutcome): void {
    const { bold, dim, green, red } = this.#term.style;
    this.#term.spin(undefined);
    const continuation = outcome.metadata?.continuation;
    if (continuation) {
      // The failure a continuation recovered from has no event; the metadata lists it.
      const cut = outcome.metadata!.caught.filter(caught => caught.id === continuation.from.id).at(-1);
      const tally = this.tallies.get(continuation.from.id);
      if (tally && cut) tally.midStream = cut.type;
    }
    const rows = this.#entries.map((entry, index) => {
      const tally = this.tallies.get(entry.id)!;
      const attempts = tally.failures.length + (tally.answered ? 1 : 0);
      const result = [
        ...tally.failures.map(failure => red(`✗ ${failure}`)),
        ...(tally.answered ? [green('✓ answered')] : []),
        ...(tally.midStream ? [red(`✗ ${tally.midStream} mid-stream`)] : []),
      ];
      return [
        `${index + 1}`,
        entry.id,
        entry.model,
        attempts === 0 ? dim('–') : String(attempts),
        result.join(', ') || dim('not tried'),
      ];
    });
    this.#term.line();
    this.#term.line(bold('Summary'));
    for (const line of table(['#', 'entry', 'model', 'attempts', 'outcome'], rows)) this.#term.line(`  ${line}`);
    const served = outcome.metadata?.servedBy;
    const total = seconds(Date.now() - this.#startedAt);
    if (outcome.kind === 'answer' && served !== undefined) {
      const continued = outcome.metadata?.continuation;
      const by = continued
        ? `${bold(continued.from.id)} (${continued.from.modelId}), continued by ${bold(continued.by.id)} (${continued.by.modelId})`
        : `${bold(served.id)} (${served.modelId})`;
      this.#term.line(
        `  ${green('Answered')} by ${by} after ${outcome.metadata!.attempts} attempt(s) in ${total}; finish reason '${outcome.finishReason}'.`,
      );
    } else if (outcome.kind === 'partial') {
      this.#term.line(
        `  ${red('Partial answer')} from ${this.#answering ?? '?'} in ${total}; finish reason '${outcome.finishReason}'.`,
      );
    } else {
      this.#term.line(`  ${red('No answer')} after ${this.#attempts} attempt(s) in ${total}.`);
    }
  }

  #fail(id: string, type: string, statusCode: number | undefined, error: unknown): void {
    const status = errorStatus(statusCode);
    this.tallies.get(id)?.failures.push(status === undefined ? type : `${type} ${status}`);
    this.#failLine(type, statusCode, error);
  }

  #failLine(type: string, statusCode: number | undefined, error: unknown): void {
    const { red, dim } = this.#term.style;
    const status = errorStatus(statusCode);
    this.#line(`  ${red('✗')} ${type}${status === undefined ? '' : ` · HTTP ${status}`} ${dim(`· ${short(error)}`)}`);
  }

  #line(text = ''): void {
    const stamp = `${this.#term.style.dim(`+${this.#elapsed().padStart(5)}`)}  `;
    this.#term.line(`${stamp}${text}`);
  }

  #elapsed(): string {
    return seconds(Date.now() - this.#startedAt);
  }
}

/** Maps a request to the entry it is for, by provider (from the URL) and model or deployment. */
export function entryForRequest(entries: readonly TraceEntry[], url: string, body: unknown): TraceEntry | undefined {
  const { hostname, pathname } = new URL(url);
  const deployment = /\/deployments\/([^/]+)\//.exec(pathname)?.[1];
  const provider =
    deployment !== undefined || hostname.endsWith('.azure.com') || pathname.startsWith('/openai/')
      ? 'azure'
      : pathname.includes('/api/v1/')
        ? 'openrouter'
        : 'openai';
  const model =
    deployment === undefined ? (body as { model?: unknown } | undefined)?.model : decodeURIComponent(deployment);
  return entries.find(entry => entry.provider === provider && entry.model.split('|')[0] === model);
}

// Built from a string: a literal ESC in a regex reads as a mistake.
const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function table(header: string[], rows: string[][]): string[] {
  const visible = (text: string) => text.replace(ANSI_STYLE, '').length;
  const widths = header.map((title, column) => Math.max(visible(title), ...rows.map(row => visible(row[column]!))));
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - visible(cell))))
      .join('  ');
  return [format(header), ...rows.map(format)];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
}

/** Only error statuses: a stream cut mid-body arrives as an error "of" its 200 response. */
function errorStatus(statusCode: number | undefined): number | undefined {
  return statusCode !== undefined && statusCode >= 400 ? statusCode : undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function short(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
  // Provider messages can quote a key ("Incorrect API key provided: sk-…"); the trace never shows one.
  const line = redactSecrets(message.replace(/\s+/g, ' ').trim());
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
}
