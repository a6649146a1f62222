import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { azureBaseURL, splitAzureModel } from '../../src/config/build-provider-model';
import { fallbackFromConfig } from '../../src/config/index';
import { canonicalAnswer, type FakeProvider, fakeProviderFetch, startFakeProvider } from '../../src/testing/index';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const env = { AZURE_API_KEY: 'test-azure-key' };

describe("Azure 'deployment|api-version'", () => {
  it('reaches /openai/deployments/<deployment>/chat/completions with the api-version', async () => {
    const model = fallbackFromConfig(
      {
        providers: [{ provider: 'azure', model_name: 'gpt-35-turbo|2024-02-15-preview', base_url: fake.azureBaseURL }],
      },
      { env },
    );
    const result = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(result.text).toBe(canonicalAnswer('gpt-35-turbo'));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      provider: 'azure',
      api: 'chat',
      model: 'gpt-35-turbo',
      path: '/openai/deployments/gpt-35-turbo/chat/completions',
      query: { 'api-version': '2024-02-15-preview' },
    });
    expect(fake.requests[0]!.headers['api-key']).toBe('test-azure-key');
  });

  it('streams from the same URL, and apiVersion in camelCase means the same', async () => {
    const model = fallbackFromConfig(
      { providers: [{ provider: 'azure', model: 'my-gpt4o', apiVersion: '2024-10-21', baseURL: fake.azureBaseURL }] },
      { env },
    );
    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });

    expect(await result.text).toBe(canonicalAnswer('my-gpt4o'));
    expect(fake.requests[0]).toMatchObject({
      stream: true,
      path: '/openai/deployments/my-gpt4o/chat/completions',
      query: { 'api-version': '2024-10-21' },
    });
  });

  it("api: 'responses' goes to the deployment's Responses URL", async () => {
    const model = fallbackFromConfig(
      {
        providers: [
          { provider: 'azure', model: 'my-gpt4o|2025-04-01-preview', api: 'responses', baseURL: fake.azureBaseURL },
        ],
      },
      { env },
    );
    await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(fake.requests[0]).toMatchObject({
      api: 'responses',
      path: '/openai/deployments/my-gpt4o/responses',
      query: { 'api-version': '2025-04-01-preview' },
    });
  });

  it('without a version, the deployment name is the model of the v1 API', async () => {
    const model = fallbackFromConfig(
      { providers: [{ provider: 'azure', model: 'my-gpt4o', baseURL: fake.azureBaseURL }] },
      { env },
    );
    await generateText({ model, prompt: 'hi', maxRetries: 0 });
    expect(fake.requests[0]).toMatchObject({ path: '/openai/chat/completions', model: 'my-gpt4o', query: {} });
    expect(fake.requests[0]!.body.model).toBe('my-gpt4o');
  });

  it("a bare Azure resource URL or a resource name reaches the resource's /openai endpoint", async () => {
    for (const entry of [{ base_url: 'https://my-resource.openai.azure.com/' }, { resource_name: 'my-resource' }]) {
      const fetch = fakeProviderFetch({});
      const model = fallbackFromConfig(
        { providers: [{ provider: 'azure', model_name: 'gpt-35-turbo|2024-02-15-preview', ...entry }] },
        { env, fetch },
      );
      await generateText({ model, prompt: 'hi', maxRetries: 0 });
      expect(fetch.requests[0]).toMatchObject({
        path: '/openai/deployments/gpt-35-turbo/chat/completions',
        query: { 'api-version': '2024-02-15-preview' },
      });
    }
  });
});

describe('Azure helpers', () => {
  it('split deployment and version, trimming spaces', () => {
    expect(splitAzureModel('gpt-35-turbo|2024-02-15-preview')).toEqual({
      deployment: 'gpt-35-turbo',
      apiVersion: '2024-02-15-preview',
    });
    expect(splitAzureModel(' gpt-4o | 2024-10-21 ')).toEqual({ deployment: 'gpt-4o', apiVersion: '2024-10-21' });
    expect(splitAzureModel('gpt-4o')).toEqual({ deployment: 'gpt-4o' });
  });

  it('add /openai to a bare Azure host only', () => {
    expect(azureBaseURL('https://x.openai.azure.com')).toBe('https://x.openai.azure.com/openai');
    expect(azureBaseURL('https://x.openai.azure.com/openai')).toBe('https://x.openai.azure.com/openai');
    expect(azureBaseURL('https://x.services.ai.azure.com/api/projects/p')).toBe(
      'https://x.services.ai.azure.com/api/projects/p',
    );
    expect(azureBaseURL('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
  });
});
