import { TAG_KEY } from './part-tag';

/**
 * Conversations that change entry, for the prompts of V2, V3 and V4 (their
 * messages and parts have the same fields here): a history's parts are
 * tagged with the entry that produced them (`part-tag.ts`). Before a call
 * reaches an entry, the parts another entry produced lose what only their
 * producer may read (item ids, encrypted reasoning, signatures: every
 * provider key of the part). V1 (AI SDK 4) results have no metadata per
 * part, so nothing is tagged there and nothing is prepared.
 */

type Part = { type: string; text?: unknown; providerOptions?: Record<string, unknown> };
type Message = { role: string; content: unknown };

/** The entry id a prompt part is tagged with, if it is tagged. */
export function producerOf(part: Part): string | undefined {
  const tag = part.providerOptions?.[TAG_KEY] as { producedBy?: unknown } | undefined;
  const producedBy = tag?.producedBy;
  return typeof producedBy === 'string' ? producedBy : undefined;
}

/** The ids of the entries whose tagged parts `prompt` holds, in order of first appearance. */
export function producersOf(prompt: readonly unknown[]): string[] {
  const producers: string[] = [];
  for (const message of prompt as readonly Message[]) {
    for (const part of modelParts(message)) {
      const producer = producerOf(part);
      if (producer !== undefined && !producers.includes(producer)) producers.push(producer);
    }
  }
  return producers;
}

/**
 * The prompt as entry `to` may receive it: each part tagged by another entry
 * is downgraded (see {@link downgradePart}); untagged parts and the entry's
 * own pass unchanged. Without a foreign part it is `prompt` itself: a cheap
 * scan of the assistant messages' parts, nothing copied.
 */
export function preparePromptFor<PROMPT extends readonly unknown[]>(prompt: PROMPT, to: string): PROMPT {
  const messages = prompt as readonly Message[];
  const first = messages.findIndex(message => modelParts(message).some(part => isForeign(part, to)));
  if (first === -1) return prompt;
  const prepared: Message[] = messages.slice(0, first);
  for (let index = first; index < messages.length; index++) {
    const message = messages[index]!;
    const parts = modelParts(message);
    if (!parts.some(part => isForeign(part, to))) {
      prepared.push(message);
      continue;
    }
    const content = parts.flatMap(part => (isForeign(part, to) ? downgradePart(part) : [part]));
    // An assistant message of nothing but dropped parts is left out: providers refuse empty content.
    if (content.length > 0) prepared.push({ ...message, content });
  }
  return prepared as unknown as PROMPT;
}

/**
 * A part another entry produced, as any entry can read it: every provider key
 * is removed (item references, encrypted content, signatures); reasoning
 * becomes plain reasoning text, or nothing when it has no text (encrypted
 * only); a provider's custom part (`openai.compaction`) is dropped. The
 * target's own package then drops what it cannot take (`@ai-sdk/openai`
 * skips plain reasoning, with a warning).
 */
export function downgradePart(part: Part): Part[] {
  if (part.type === 'custom') return [];
  if (part.type === 'reasoning' && (typeof part.text !== 'string' || part.text.length === 0)) return [];
  const { providerOptions: _dropped, ...plain } = part;
  return [plain];
}

function isForeign(part: Part, to: string): boolean {
  const producer = producerOf(part);
  return producer !== undefined && producer !== to;
}

const NO_PARTS: readonly Part[] = [];

/** The parts a model produced: an assistant message's (tool messages hold the app's results). */
function modelParts(message: Message): readonly Part[] {
  return message.role === 'assistant' && Array.isArray(message.content) ? (message.content as Part[]) : NO_PARTS;
}
