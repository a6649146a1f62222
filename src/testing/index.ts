export { canonicalAnswer } from './canonical-answer';
export { type FakeProviderFetch, fakeProviderFetch } from './fake-provider-fetch';
export type { FakeApi, FakeProviderName, FakeRequest } from './fake-request';
export type { FakeScript, FakeStep } from './fake-step';
export { prefillRemainder } from './prefill';
export {
  type FakeProvider,
  type StartFakeProviderOptions,
  startFakeProvider,
} from './start-fake-provider';
export {
  canonicalEmbedding,
  canonicalSpeech,
  DEFAULT_EMBEDDING_DIMENSIONS,
  FAKE_PNG_BASE64,
} from './wire-openai-media';
