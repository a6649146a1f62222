export { canonicalAnswer } from './canonical-answer';
export { fakeProviderFetch, type FakeProviderFetch } from './fake-provider-fetch';
export type { FakeApi, FakeProviderName, FakeRequest } from './fake-request';
export type { FakeScript, FakeStep } from './fake-step';
export {
  startFakeProvider,
  type FakeProvider,
  type StartFakeProviderOptions,
} from './start-fake-provider';
