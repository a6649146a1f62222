import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { fallbackFromConfig } from '../../src/config/index';
import {
  FallbackExhaustedError,
  type FallbackLogger,
  type FallbackMetadata,
  fallbackMiddleware,
  withFallback,
} from '../../src/index';
import { canonicalAnswer, fakeProviderFetch } from '../../src/testing/index';
import { configErrorOf } from '../helpers/config-error';

const down = () => {
  throw new Error('logger down');
};

/** A primary that answers 500 and a backup, over the real OpenAI provider package. */
function chainOver(script: Parameters<typeof fakeProviderFetch>[0], logger: FallbackLogger) {
  const fetch = fakeProviderFetch(script);
  const openai = createOpenAI({ apiKey: 'test', fetch });
  const model = withFallback([openai.chat('gpt-4o'), openai.chat('gpt-4o-mini')], {
    maxRetriesPerModel: 0,
    logger,
  });
  return { model, fetch };
}

describe('a logger can never break a call', () => {
  it('a warn that throws: generateText answers from the backup, the 500 still recorded', async () => {
    const { model, fetch } = chainOver({ 'gpt-4o': 'server-error' }, { warn: down });

    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('gpt-4o-mini'));
    const metadata = result.providerMetadata?.fallback as unknown as FallbackMetadata;
    expect(metadata.caught).toMatchObject([{ index: 0, statusCode: 500, type: 'provider-unavailable' }]);
    expect(fetch.requests.map(request => `${request.model}:${request.step}`)).toEqual([
      'gpt-4o:server-error',
      'gpt-4o-mini:ok',
    ]);
  });

  it('every level throwing: streamText answers from the backup too', async () => {
    const logger = { debug: down, info: down, warn: down, error: down };
    const { model } = chainOver({ 'gpt-4o': 'server-error' }, logger);

    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });

    expect(await result.text).toBe(canonicalAnswer('gpt-4o-mini'));
  });

  it('when every entry fails, the chain still throws its own error, not the logger’s', async () => {
    const { model } = chainOver(
      { 'gpt-4o': 'server-error', 'gpt-4o-mini': 'server-error' },
      { warn: down, error: down },
    );

    const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch((caught: unknown) => caught);

    expect(FallbackExhaustedError.isInstance(error)).toBe(true);
    expect((error as FallbackExhaustedError).attempts.map(attempt => attempt.statusCode)).toEqual([500, 500]);
  });
});

describe('a logger whose methods are not functions is refused at construction', () => {
  const model = new MockLanguageModelV4();

  it('withFallback names logger.warn', () => {
    const error = configErrorOf(() => withFallback([model], { logger: { warn: 'yes' } as never }));
    expect(error.message).toBe('withFallback: invalid config:\n  config.logger.warn: expected a function');
    expect(error.issues).toEqual([{ path: 'config.logger.warn', message: 'expected a function' }]);
  });

  it('fallbackMiddleware and fallbackFromConfig name it too', () => {
    expect(configErrorOf(() => fallbackMiddleware([], { logger: { error: 1 } as never })).message).toContain(
      'config.logger.error: expected a function',
    );
    const config = { providers: [{ provider: 'openai', model: 'gpt-4o', base_url: 'http://127.0.0.1:1/v1' }] };
    const options = { env: { OPENAI_API_KEY: 'test' }, logger: { debug: {} } as never };
    expect(configErrorOf(() => fallbackFromConfig(config, options)).message).toContain(
      'config.logger.debug: expected a function',
    );
  });

  it('a logger that is not an object is named as a whole', () => {
    expect(configErrorOf(() => withFallback([model], { logger: 'console' as never })).issues).toEqual([
      {
        path: 'config.logger',
        message: 'expected a console-compatible logger (an object with debug, info, warn and error functions)',
      },
    ]);
  });

  it('console and a logger with only some methods are accepted', () => {
    expect(() => withFallback([model], { logger: console })).not.toThrow();
    expect(() => withFallback([model], { logger: { warn: () => {} } })).not.toThrow();
  });
});
