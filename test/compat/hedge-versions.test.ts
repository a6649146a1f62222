// Hedging lives in the chain loop, above every spec adapter: each major's real `ai` and `@ai-sdk/openai`
// get the faster entry's answer alone, and the slower request is closed on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalAnswer } from '../../src/testing/canonical-answer';
import { type FakeProvider, startFakeProvider } from '../../src/testing/index';
import { ai4 } from './kit-ai4';
import { ai5 } from './kit-ai5';
import { ai6 } from './kit-ai6';
import { ai7 } from './kit-ai7';

const primary = 'gpt-primary';
const backup = 'gpt-backup';
const ids = { primary, backup };

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setScript({});
  fake.reset();
});

describe.each([ai4, ai5, ai6, ai7])('$name ($spec): a slow primary is hedged', kit => {
  it.each(['generate', 'stream'] as const)('%s', async operation => {
    fake.setScript({ [primary]: { firstTokenDelayMs: 60_000 } });
    const result = await kit.chain(fake, ids, { hedge: { afterMs: 30 } })[operation]();
    expect(result.text).toBe(canonicalAnswer(backup));
    expect(result.fallback).toMatchObject({
      servedBy: { modelId: backup },
      hedge: { afterMs: 30, started: { modelId: backup }, winner: { modelId: backup } },
      caught: [{ modelId: primary, type: 'hedged' }],
    });
    await fake.whenIdle();
    expect(fake.requestsFor(primary).map(request => request.aborted)).toEqual([true]);
  });
});
