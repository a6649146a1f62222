import { describe, expect, it } from 'vitest';
import { NO_VALIDATOR, schemaIssue } from '../../src/attempt/json-schema';
import { type AnswerChecks, builtInRejection, jsonSyntaxReason, judgeAnswer } from '../../src/attempt/result-check';
import { AttemptScope } from '../../src/attempt/scope';
import { classifyError } from '../../src/errors/classify-error';
import type { FallbackCheckResult, FallbackResult } from '../../src/types';

const answer = (text: string | undefined, finishReason = 'stop') => ({
  finishReason,
  text: () => text,
  result: (): FallbackResult => ({
    text: text ?? '',
    content: text === undefined ? [] : [{ type: 'text', text }],
    finishReason,
    usage: undefined,
    providerMetadata: undefined,
  }),
});

function checks(overrides: Partial<AnswerChecks> = {}) {
  const reported: string[] = [];
  const value: AnswerChecks = {
    json: undefined,
    custom: undefined,
    context: { callId: 'c-1', operation: 'generate', index: 0, id: 'p', provider: 'p', modelId: 'm', attempt: 1 },
    report: {
      threw: error => reported.push(`threw ${(error as Error).message}`),
      invalid: value => reported.push(`invalid ${String(value)}`),
      noValidator: () => reported.push('no validator'),
    },
    ...overrides,
  };
  return { checks: value, reported };
}

async function judge(text: string | undefined, overrides: Partial<AnswerChecks> = {}) {
  const scope = new AttemptScope(undefined, Date.now());
  const { checks: value, reported } = checks(overrides);
  try {
    const rejection = await judgeAnswer(answer(text), value, scope);
    return {
      type: rejection === undefined ? undefined : classifyError(rejection),
      reason: rejection?.reason,
      reported,
    };
  } finally {
    scope.dispose();
  }
}

describe('builtInRejection', () => {
  it.each<[string, string | undefined, boolean, string | undefined]>([
    ['an answer that stopped', 'stop', true, undefined],
    ['a filtered answer with output', 'content-filter', true, 'content-filter'],
    ['a filtered answer with no output: the filter wins', 'content-filter', false, 'content-filter'],
    ['no output, finish stop', 'stop', false, 'empty-response'],
    ['no output, no finish reason', undefined, false, 'empty-response'],
    ['a truncated answer is an answer', 'length', true, undefined],
  ])('%s', (_, finishReason, hasOutput, type) => {
    const rejection = builtInRejection(finishReason, hasOutput);
    expect(rejection === undefined ? undefined : classifyError(rejection)).toBe(type);
  });
});

const person = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    name: { type: 'string' },
    items: { type: 'array', items: { type: 'object', properties: { price: { type: 'number' } }, required: ['price'] } },
  },
  required: ['name'],
};

describe('judgeAnswer', () => {
  const json = { json: { schema: person } };
  it.each<[string, string | undefined, Partial<AnswerChecks>, string | undefined, string | undefined]>([
    ['text when no JSON was asked for passes', 'not json', {}, undefined, undefined],
    ['valid JSON without a schema passes', '{"a":1}', { json: {} }, undefined, undefined],
    ['text that is not JSON', 'Sure! {"a":1}', { json: {} }, 'invalid-output', "invalid JSON: unexpected token 'S'"],
    ['JSON cut short', '{"a":', { json: {} }, 'invalid-output', 'invalid JSON at position 5'],
    ['a tool call only (no text) passes the JSON check', undefined, { json: {} }, undefined, undefined],
    ['JSON that satisfies the schema', '{"name":"Ada","items":[{"price":1}]}', json, undefined, undefined],
    ['a missing required property', '{"items":[]}', json, 'invalid-output', 'schema: /name is required'],
    [
      'a nested wrong type',
      '{"name":"A","items":[{"price":"1"}]}',
      json,
      'invalid-output',
      'schema: /items/0/price must be number',
    ],
    [
      'a nested missing property',
      '{"name":"A","items":[{}]}',
      json,
      'invalid-output',
      'schema: /items/0/price is required',
    ],
  ])('%s', async (_, text, overrides, type, reason) => {
    const judged = await judge(text, overrides);
    expect([judged.type, judged.reason]).toEqual([type, reason]);
  });

  it('checkResult runs after the built-in checks, with the answer and its context', async () => {
    const seen: unknown[] = [];
    const custom: FallbackCheckResult = (result, context) => {
      seen.push([result.text, context.modelId, context.attempt, context.abortSignal instanceof AbortSignal]);
      return 'rate-limit';
    };
    expect(await judge('{"a":1}', { json: {}, custom })).toMatchObject({
      type: 'rate-limit',
      reason: "checkResult returned 'rate-limit'",
    });
    expect(seen).toEqual([['{"a":1}', 'm', 1, true]]);
    // A failed built-in check decides: checkResult is not asked.
    expect(await judge('nope', { json: {}, custom })).toMatchObject({ type: 'invalid-output' });
    expect(seen).toHaveLength(1);
  });

  it.each<[string, FallbackCheckResult, string[]]>([
    ['undefined accepts', () => undefined, []],
    ['an async check', async () => undefined, []],
    [
      'a check that throws: the answer stands',
      () => {
        throw new Error('judge down');
      },
      ['threw judge down'],
    ],
    ['a check that rejects: the answer stands', () => Promise.reject(new Error('judge down')), ['threw judge down']],
    ["'all' is not a type", () => 'all', ['invalid all']],
    ['an unknown string is not a type', () => 'bad' as never, ['invalid bad']],
  ])('%s', async (_, custom, reported) => {
    const judged = await judge('hello', { custom });
    expect(judged.type).toBeUndefined();
    expect(judged.reported).toEqual(reported);
  });

  it("a check still running when the attempt's clock fires ends the attempt with that timeout", async () => {
    const scope = new AttemptScope(undefined, Date.now());
    scope.arm('request', 20);
    const { checks: value } = checks({ custom: (_, context) => new Promise(() => void context.abortSignal) });
    await expect(judgeAnswer(answer('hello'), value, scope)).rejects.toMatchObject({
      name: 'AI_FallbackTimeoutError',
      kind: 'request',
    });
    scope.dispose();
  });

  it("the caller's abort while a check runs rejects with the caller's reason", async () => {
    const caller = new AbortController();
    const scope = new AttemptScope(caller.signal, Date.now());
    const { checks: value, reported } = checks({ custom: () => new Promise(() => {}) });
    const judging = judgeAnswer(answer('hello'), value, scope);
    caller.abort(new Error('stop'));
    await expect(judging).rejects.toThrow('stop');
    expect(reported).toEqual([]);
    scope.dispose();
  });
});

describe('jsonSyntaxReason', () => {
  it.each<[string, string]>([
    ['{"a": 1,}', 'invalid JSON at position 8'],
    ['', 'invalid JSON at position 0'],
    ['{"a"', 'invalid JSON at position 4'],
    ['hello', "invalid JSON: unexpected token 'h'"],
    ['{"a":1} trailing', 'invalid JSON at position 8'],
  ])('%j → %s', (text, reason) => {
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (thrown) {
      error = thrown;
    }
    expect(jsonSyntaxReason(error, text)).toBe(reason);
  });

  it('an engine message without a position says invalid JSON', () => {
    expect(jsonSyntaxReason(new SyntaxError('JSON.parse: bad'), 'x')).toBe('invalid JSON');
  });
});

describe('schemaIssue', () => {
  it.each<[string, unknown, unknown, string | undefined]>([
    [
      'draft 2020-12 by default',
      { type: 'object', properties: { a: { type: 'integer' } } },
      { a: 1.5 },
      '/a must be integer',
    ],
    ['draft-04', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' }, 1, '/ must be string'],
    ['enum', { enum: ['a', 'b'] }, 'c', expect.stringMatching(/^\/: /)],
    ['a schema that is not an object passes', true, 1, undefined],
  ])('%s', async (_, schema, value, issue) => {
    expect(await schemaIssue(schema, value)).toEqual(issue);
  });

  it('is NO_VALIDATOR only when the peer is missing (here it is installed)', async () => {
    expect(await schemaIssue({ type: 'string' }, 'a')).not.toBe(NO_VALIDATOR);
  });
});
