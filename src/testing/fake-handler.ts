import { FakeItems } from './fake-items';
import { planResponse } from './fake-plan';
import { type FakeRequest, type IncomingFakeRequest, parseIncomingRequest } from './fake-request';
import { ScriptCursor } from './fake-script';
import { describeStep, type FakeScript, type ResolvedFakeStep } from './fake-step';
import { jsonResponse, type WireAction } from './wire-action';

/** Options shared by the HTTP server and the fake fetch. */
export interface FakeHandlerOptions {
  script?: FakeScript;
  /** Pause between streamed tokens. Default 0: a whole stream is written at once. */
  tokenDelayMs?: number;
}

/**
 * The transport-independent core: records each request, picks its scripted step and
 * plans the response. Both transports replay the plan, so they cannot diverge.
 */
export class FakeHandler {
  readonly requests: FakeRequest[] = [];
  readonly #cursor: ScriptCursor;
  readonly #tokenDelayMs: number;
  readonly #items = new FakeItems();
  #nextId = 1;

  constructor(options: FakeHandlerOptions = {}) {
    this.#cursor = new ScriptCursor(options.script);
    this.#tokenDelayMs = options.tokenDelayMs ?? 0;
  }

  setScript(script: FakeScript): void {
    this.#cursor.replace(script);
  }

  reset(): void {
    // In place, so arrays handed out earlier stay live.
    this.requests.length = 0;
    this.#cursor.resetCounters();
    this.#items.clear();
    this.#nextId = 1;
  }

  requestsFor(model: string): FakeRequest[] {
    return this.requests.filter(request => request.model === model);
  }

  handle(incoming: IncomingFakeRequest): { request: FakeRequest; actions: WireAction[] } {
    const request: FakeRequest = { ...parseIncomingRequest(incoming, this.#nextId++), step: '' };
    this.requests.push(request);

    if (request.api === 'unknown') {
      request.step = 'not-found';
      return { request, actions: planResponse('ok', request, { tokenDelayMs: 0 }) };
    }

    // The real API refuses a foreign reference before anything else: no scripted step is used up.
    const refusal = this.#items.refusal(request);
    if (refusal !== undefined) {
      request.step = 'unknown-reference';
      return { request, actions: jsonResponse(refusal.status, refusal.body) };
    }

    let step: ResolvedFakeStep;
    try {
      step = this.#cursor.next(request);
    } catch (error) {
      // A broken script must fail the call visibly, not hang the client.
      request.step = 'script-error';
      return {
        request,
        actions: jsonResponse(500, {
          error: {
            message: `Fake provider script error: ${error instanceof Error ? error.message : String(error)}`,
            type: 'fake_script_error',
            param: null,
            code: 'fake_script_error',
          },
        }),
      };
    }

    request.step = describeStep(step);
    const reasoning = this.#items.issue(step, request);
    return { request, actions: planResponse(step, request, { tokenDelayMs: this.#tokenDelayMs, reasoning }) };
  }
}
