import type { FakeRequest, FakeScript, FakeStep } from '../../../src/testing/index';

/**
 * How the fake provider behaves for `npm run dev` / `npm start` without keys, so the fallback
 * is there to see. Every model answers, except:
 * - a message containing "429": the primary (`gpt-4o`) answers 429, is retried once, and
 *   OpenRouter answers;
 * - a message containing "fail": every model answers 503 and the page shows the error.
 */
export function devScript(): FakeScript {
  return {
    'gpt-4o': request => (asks(request, 'fail') ? 'overloaded' : asks(request, '429') ? 'rate-limit' : 'ok'),
    '*': (request): FakeStep => (asks(request, 'fail') ? 'overloaded' : 'ok'),
  };
}

/** Whether the last user message contains `word`. */
function asks(request: FakeRequest, word: string): boolean {
  const messages: { role?: string; content?: unknown }[] = request.body?.messages ?? [];
  const last = messages.filter(message => message.role === 'user').at(-1);
  return JSON.stringify(last?.content ?? '')
    .toLowerCase()
    .includes(word);
}
