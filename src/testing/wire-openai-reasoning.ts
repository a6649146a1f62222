import { splitIntoTokens } from './canonical-answer';
import type { FakeReasoningItem } from './fake-items';

type Event = (type: string, fields: Record<string, unknown>) => string;

/** The reasoning item of a Responses answer, as `output[0]` and in `response.output_item.done`. */
export function reasoningItem(reasoning: FakeReasoningItem) {
  return {
    id: reasoning.id,
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: reasoning.text }],
    ...(reasoning.encryptedContent === undefined ? {} : { encrypted_content: reasoning.encryptedContent }),
  };
}

/** The events of a reasoning item at output index 0: added, its summary part streamed, done. */
export function reasoningEvents(reasoning: FakeReasoningItem, event: Event): string[] {
  const location = { item_id: reasoning.id, output_index: 0, summary_index: 0 };
  const part = { type: 'summary_text', text: reasoning.text };
  return [
    event('response.output_item.added', {
      output_index: 0,
      item: { ...reasoningItem(reasoning), summary: [] },
    }),
    event('response.reasoning_summary_part.added', { ...location, part: { ...part, text: '' } }),
    ...splitIntoTokens(reasoning.text).map(delta =>
      event('response.reasoning_summary_text.delta', { ...location, delta }),
    ),
    event('response.reasoning_summary_text.done', { ...location, text: reasoning.text }),
    event('response.reasoning_summary_part.done', { ...location, part }),
    event('response.output_item.done', { output_index: 0, item: reasoningItem(reasoning) }),
  ];
}
