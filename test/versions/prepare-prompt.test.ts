import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { withPartTag, withPartTags } from '../../src/versions/part-tag';
import { downgradePart, preparePromptFor, producersOf } from '../../src/versions/prepare-prompt';

const byA = { fallback: { producedBy: 'a' } };
const byB = { fallback: { producedBy: 'b' } };
const openai = (itemId: string, more: Record<string, unknown> = {}) => ({ openai: { itemId, ...more } });

type Message = LanguageModelV4Prompt[number];
const user: Message = { role: 'user', content: [{ type: 'text', text: 'Hi' }] };
const system: Message = { role: 'system', content: 'Be brief.' };

type Part = { type: string; [key: string]: unknown };
const assistant = (...content: Part[]) => ({ role: 'assistant', content }) as unknown as LanguageModelV4Prompt[number];

// One row per kind of part: [name, the part as the history holds it, what another entry receives].
const DOWNGRADES: [string, Part, Part[]][] = [
  [
    'reasoning with an item id and encrypted content becomes plain reasoning text',
    {
      type: 'reasoning',
      text: 'Thinking.',
      providerOptions: { ...openai('rs_1', { reasoningEncryptedContent: 'gAAA' }), ...byA },
    },
    [{ type: 'reasoning', text: 'Thinking.' }],
  ],
  [
    'reasoning with no text (encrypted only) is dropped',
    {
      type: 'reasoning',
      text: '',
      providerOptions: { ...openai('rs_1', { reasoningEncryptedContent: 'gAAA' }), ...byA },
    },
    [],
  ],
  [
    'an Anthropic thinking signature is removed',
    { type: 'reasoning', text: 'Hmm.', providerOptions: { anthropic: { signature: 'sig' }, ...byA } },
    [{ type: 'reasoning', text: 'Hmm.' }],
  ],
  [
    'OpenRouter reasoning_details are removed',
    {
      type: 'reasoning',
      text: 'Hmm.',
      providerOptions: { openrouter: { reasoning_details: [{ type: 'reasoning.encrypted', data: 'x' }] }, ...byA },
    },
    [{ type: 'reasoning', text: 'Hmm.' }],
  ],
  [
    'text with an item id becomes plain text',
    { type: 'text', text: 'Hello.', providerOptions: { ...openai('msg_1', { phase: 'final_answer' }), ...byA } },
    [{ type: 'text', text: 'Hello.' }],
  ],
  [
    'a tool call keeps its call, not its item id',
    {
      type: 'tool-call',
      toolCallId: 'call_1',
      toolName: 'weather',
      input: { city: 'Paris' },
      providerOptions: { ...openai('fc_1'), ...byA },
    },
    [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { city: 'Paris' } }],
  ],
  [
    'a provider-specific custom part (openai.compaction) is dropped',
    { type: 'custom', kind: 'openai.compaction', providerOptions: { ...openai('cmp_1'), ...byA } },
    [],
  ],
];

describe('downgradePart: a part another entry produced, as any entry can read it', () => {
  it.each(DOWNGRADES)('%s', (_, part, expected) => {
    expect(downgradePart(part as never)).toEqual(expected);
  });
});

// [name, prompt, target entry, the prompt the target receives ('same': the very same array)]
const PREPARED: [string, LanguageModelV4Prompt, string, LanguageModelV4Prompt | 'same'][] = [
  [
    'an untagged history is sent as it is',
    [system, user, assistant({ type: 'text', text: 'Hi', providerOptions: openai('msg_1') })],
    'b',
    'same',
  ],
  [
    "the producer's own parts keep their references",
    [user, assistant({ type: 'reasoning', text: 'R', providerOptions: { ...openai('rs_1'), ...byA } })],
    'a',
    'same',
  ],
  [
    "another entry's parts are downgraded; untagged ones and other messages stay",
    [
      system,
      user,
      assistant(
        { type: 'reasoning', text: 'R', providerOptions: { ...openai('rs_1'), ...byA } },
        { type: 'text', text: 'Hi', providerOptions: { ...openai('msg_1'), ...byA } },
      ),
      user,
      assistant({ type: 'text', text: 'Mine', providerOptions: { ...openai('msg_2'), ...byB } }),
      assistant({ type: 'text', text: 'Untagged', providerOptions: openai('msg_3') }),
    ],
    'b',
    [
      system,
      user,
      assistant({ type: 'reasoning', text: 'R' }, { type: 'text', text: 'Hi' }),
      user,
      assistant({ type: 'text', text: 'Mine', providerOptions: { ...openai('msg_2'), ...byB } }),
      assistant({ type: 'text', text: 'Untagged', providerOptions: openai('msg_3') }),
    ],
  ],
  [
    'an assistant message left with nothing is left out',
    [user, assistant({ type: 'reasoning', text: '', providerOptions: { ...openai('rs_1'), ...byA } }), user],
    'b',
    [user, user],
  ],
  [
    'tool messages are the app’s results: never changed',
    [
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c',
            toolName: 't',
            output: { type: 'text', value: 'ok' },
            providerOptions: byA,
          },
        ],
      },
    ],
    'b',
    'same',
  ],
];

describe('preparePromptFor: the prompt as one entry may receive it', () => {
  it.each(PREPARED)('%s', (_, prompt, to, expected) => {
    const prepared = preparePromptFor(prompt, to);
    if (expected === 'same') expect(prepared).toBe(prompt);
    else expect(prepared).toEqual(expected);
  });

  it('never changes the prompt it is given', () => {
    const prompt = PREPARED[2]![1];
    const before = structuredClone(prompt);
    preparePromptFor(prompt, 'b');
    expect(prompt).toEqual(before);
  });

  it('producersOf lists the entries of the tagged parts, in order of first appearance', () => {
    expect(producersOf(PREPARED[2]![1])).toEqual(['a', 'b']);
    expect(producersOf(PREPARED[0]![1])).toEqual([]);
  });
});

describe('withPartTag: which parts are tagged', () => {
  const tag = { producedBy: 'a' };
  it.each([
    ['a text delta without provider metadata: the same part', { type: 'text-delta', id: 't', delta: 'Hi' }, undefined],
    [
      'a reasoning end with metadata: the tag joins it',
      { type: 'reasoning-end', id: 'r', providerMetadata: openai('rs_1') },
      { ...openai('rs_1'), fallback: tag },
    ],
    ['an empty metadata object: tagged', { type: 'text-start', id: 't', providerMetadata: {} }, { fallback: tag }],
  ])('%s', (_, part, metadata) => {
    const tagged = withPartTag(part as Part, tag);
    if (metadata === undefined) expect(tagged).toBe(part);
    else expect(tagged).toEqual({ ...part, providerMetadata: metadata });
  });

  it('withPartTags copies the content only when a part has metadata', () => {
    const plain = [{ type: 'text', text: 'Hi' }];
    expect(withPartTags(plain, tag)).toBe(plain);
    const withMetadata = [...plain, { type: 'reasoning', text: 'R', providerMetadata: openai('rs_1') }];
    expect(withPartTags(withMetadata, tag)).toEqual([
      plain[0],
      { type: 'reasoning', text: 'R', providerMetadata: { ...openai('rs_1'), fallback: tag } },
    ]);
  });
});
