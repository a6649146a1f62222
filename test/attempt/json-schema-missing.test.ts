import { generateText, jsonSchema, Output } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Without the optional peer `@cfworker/json-schema`: JSON syntax is still checked, the schema
// check is skipped, and the chain's logger gets one warning. The peer is installed here, so the
// loader (loaded once per process) is first asked with an import that fails as a missing package does.

const answer = (text: string) =>
  new MockLanguageModelV4({
    doGenerate: async () => ({
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 1, text: 1, reasoning: 0 },
      },
      warnings: [],
    }),
  });

const schema = jsonSchema<{ age: number }>({
  type: 'object',
  properties: { age: { type: 'number' } },
  required: ['age'],
});

describe('JSON checks without @cfworker/json-schema', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('JSON that misses the schema stands; invalid JSON still falls back; one warning per chain', async () => {
    const { loadValidatorModule } = await import('../../src/attempt/json-schema');
    const missing = Object.assign(new Error("Cannot find package '@cfworker/json-schema'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(await loadValidatorModule(() => Promise.reject(missing))).toBeUndefined();
    const { withFallback } = await import('../../src/index');
    const warnings: string[] = [];
    const chain = withFallback([answer('{"name":"Ada"}'), answer('{"age":36}')], {
      logger: { warn: message => warnings.push(message) },
    });
    const ask = async () => {
      const result = await generateText({ model: chain, prompt: 'Who?', output: Output.object({ schema }) });
      const fallback = result.providerMetadata?.fallback as { attempts: number } | undefined;
      return [result.output, fallback?.attempts];
    };

    // The schema check is skipped: the primary's answer stands (a `jsonSchema` without a validator
    // is not checked by the SDK either).
    expect(await ask()).toEqual([{ name: 'Ada' }, 1]);
    expect(await ask()).toEqual([{ name: 'Ada' }, 1]);
    expect(warnings).toEqual([expect.stringContaining('@cfworker/json-schema is not installed')]);

    const syntax = withFallback([answer('{"age": '), answer('{"age":36}')]);
    const result = await generateText({ model: syntax, prompt: 'Who?', output: Output.object({ schema }) });
    expect(result.output).toEqual({ age: 36 });
    const fallback = result.providerMetadata?.fallback as { caught: { type: string; message: string }[] };
    expect(fallback.caught.map(caught => caught.type)).toEqual(['invalid-output']);
  });
});
