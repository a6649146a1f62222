import type { ResolvedFakeStep } from './fake-step';
import type { WireContext } from './wire-format';

/** The refusal the `'refusal'` step sends, in OpenAI's words. */
export const FAKE_REFUSAL = "I'm sorry, but I can't help with that.";

/** The text the `'invalid-json'` step sends: JSON cut off after a key (invalid at position 23). */
export const FAKE_INVALID_JSON = '{"name": "Ada", "age": ';

/** How a result-check step shapes a successful answer. */
export interface AnswerShape {
  /** Replaces the answer's text. */
  text?: string;
  /** Only this many tokens of the answer are sent. */
  tokens?: number;
  ending?: WireContext['ending'];
}

/** The shape of an answer for the steps that fail a result check; undefined for the others. */
export function answerShape(step: ResolvedFakeStep): AnswerShape | undefined {
  if (typeof step === 'string') {
    if (step === 'finish-content-filter') return { tokens: 0, ending: 'content-filter' };
    if (step === 'refusal') return { text: FAKE_REFUSAL, ending: 'refusal' };
    if (step === 'invalid-json') return { text: FAKE_INVALID_JSON };
    if (step.startsWith('json:')) return { text: step.slice('json:'.length) };
    return undefined;
  }
  if ('contentFilterAfterTokens' in step) {
    return { tokens: step.contentFilterAfterTokens, ending: 'content-filter' };
  }
  return undefined;
}
