import type { FakeRequest } from './fake-request';
import type { FakeScript, FakeStep, ResolvedFakeStep } from './fake-step';

// A step function may return another function; this bounds accidental self-recursion.
const MAX_FUNCTION_DEPTH = 16;

/** Hands out the scripted step for each request, advancing per-model step sequences. */
export class ScriptCursor {
  #script: FakeScript;
  readonly #consumed = new Map<string, number>();

  constructor(script: FakeScript = {}) {
    this.#script = script;
  }

  replace(script: FakeScript): void {
    this.#script = script;
    this.#consumed.clear();
  }

  resetCounters(): void {
    this.#consumed.clear();
  }

  /** The step for this request; consumes one entry of the model's sequence. */
  next(request: FakeRequest): ResolvedFakeStep {
    const entry = Object.hasOwn(this.#script, request.model) ? this.#script[request.model] : this.#script['*'];
    if (entry == null) return 'ok';

    let step: FakeStep;
    if (Array.isArray(entry)) {
      // Counted per model even under '*', so each unlisted model walks the sequence on its own.
      const index = this.#consumed.get(request.model) ?? 0;
      this.#consumed.set(request.model, index + 1);
      step = entry[index] ?? 'ok';
    } else {
      step = entry;
    }

    for (let depth = 0; typeof step === 'function'; depth++) {
      if (depth >= MAX_FUNCTION_DEPTH) {
        throw new Error(`Fake provider: the step function for "${request.model}" keeps returning functions`);
      }
      step = step(request);
    }
    return step;
  }
}
