import { createOpenAI } from '@ai-sdk/openai-v1';
import { generateText, streamText } from 'ai-v4';
import { withFallback } from '../../src/index';
import { collectFullStream, fallbackOf, type MajorKit } from './kit';

/** AI SDK 4: `ai@4` with `@ai-sdk/openai@1` (LanguageModelV1). */
export const ai4: MajorKit = {
  name: 'AI SDK 4',
  spec: 'v1',
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
