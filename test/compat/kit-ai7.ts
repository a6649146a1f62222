import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { withFallback } from '../../src/index';
import { collectFullStream, fallbackOf, type MajorKit } from './kit';

/** AI SDK 7: `ai@7` with `@ai-sdk/openai@4` (LanguageModelV4). */
export const ai7: MajorKit = {
  name: 'AI SDK 7',
  spec: 'v4',
  chain(fake, ids, config, entries) {
    const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test-key' });
    const model = withFallback(
      [
        { ...entries?.primary, model: openai.chat(ids.primary) },
        { ...entries?.backup, model: openai.responses(ids.backup) },
      ],
      config,
    );
    return {
      specificationVersion: model.specificationVersion,
      async generate({ abortSignal } = {}) {
        const result = await generateText({ model, prompt: 'Say hello.', maxRetries: 0, abortSignal });
        return { text: result.text, fallback: fallbackOf(result.providerMetadata), modelId: result.response.modelId };
      },
      stream(options = {}) {
        const result = streamText({
          model,
          prompt: 'Say hello.',
          maxRetries: 0,
          abortSignal: options.abortSignal,
          onError: () => {},
        });
        return collectFullStream(result.fullStream, () => result.providerMetadata, options);
      },
    };
  },
};
