import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAnswer, type FakeProvider, type FakeStep, startFakeProvider } from '../../src/testing/index';
import { FAKE_INVALID_JSON, FAKE_REFUSAL } from '../../src/testing/result-steps';
import { collectStream, type ModelKind, modelsFor } from './helpers';

// The steps of answers that succeed on the wire but fail a result check, as each real provider
// package reads them, streamed and not.
let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await fake.whenIdle();
  fake.reset();
});
afterAll(() => fake.close());

const MODEL = 'bad';
const KINDS: ModelKind[] = ['openai chat', 'openai responses', 'azure chat', 'azure responses', 'openrouter chat'];
// @ai-sdk/openai reports a refusal as its text with finish reason content-filter; the Azure and
// OpenRouter packages do not read `refusal`: to them the answer is empty.
const REFUSES: ModelKind[] = ['openai chat', 'openai responses'];
const firstTokens = (count: number) =>
  canonicalAnswer(MODEL)
    .match(/\s*\S{1,4}|\s+$/g)!
    .slice(0, count)
    .join('');

const cases: { step: FakeStep; text: string; finishReason: string; kinds: ModelKind[] }[] = [
  { step: 'finish-content-filter', text: '', finishReason: 'content-filter', kinds: KINDS },
  { step: { contentFilterAfterTokens: 5 }, text: firstTokens(5), finishReason: 'content-filter', kinds: KINDS },
  { step: 'refusal', text: FAKE_REFUSAL, finishReason: 'content-filter', kinds: REFUSES },
  { step: 'refusal', text: '', finishReason: 'stop', kinds: KINDS.filter(kind => !REFUSES.includes(kind)) },
  { step: 'invalid-json', text: FAKE_INVALID_JSON, finishReason: 'stop', kinds: KINDS },
  { step: 'json:{"name":"Ada"}', text: '{"name":"Ada"}', finishReason: 'stop', kinds: KINDS },
];

describe('result-check steps', () => {
  const rows = cases.flatMap(({ kinds, ...row }) =>
    kinds.map(kind => ({ kind, ...row, label: JSON.stringify(row.step) })),
  );

  // @ai-sdk/azure's Responses model does not know `refusal` content: it refuses the whole response.
  const unreadable = (kind: ModelKind, step: FakeStep) => kind === 'azure responses' && step === 'refusal';

  it('azure responses generate: a refusal is a response the package cannot read', async () => {
    fake.setScript({ [MODEL]: 'refusal' });
    await expect(
      generateText({ model: modelsFor(fake, MODEL)['azure responses'], prompt: 'Say hello.', maxRetries: 0 }),
    ).rejects.toThrow('Invalid JSON response');
  });

  it.each(rows.filter(row => !unreadable(row.kind, row.step)))(
    '$kind generate: $label',
    async ({ kind, step, text, finishReason }) => {
      fake.setScript({ [MODEL]: step });
      const result = await generateText({ model: modelsFor(fake, MODEL)[kind], prompt: 'Say hello.', maxRetries: 0 });
      expect([result.text, result.finishReason]).toEqual([text, finishReason]);
    },
  );

  it.each(rows)('$kind stream: $label', async ({ kind, step, text, finishReason }) => {
    fake.setScript({ [MODEL]: step });
    const outcome = await collectStream(modelsFor(fake, MODEL)[kind]);
    expect([outcome.text, outcome.finishReason, outcome.errors]).toEqual([text, finishReason, []]);
  });

  it('a content filter after N tokens reports N output tokens', async () => {
    fake.setScript({ [MODEL]: { contentFilterAfterTokens: 3 } });
    const outcome = await collectStream(modelsFor(fake, MODEL)['openai chat']);
    expect(outcome.outputTokens).toBe(3);
    expect(fake.requests[0]!.step).toBe('contentFilterAfterTokens 3');
  });
});
