// The example of docs/testing-kit.md, run as written (imports from src instead of the package). The last
// test fails when the page and this file no longer show the same code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';
import { afterAll, expect, it } from 'vitest';
import { withFallback } from '../../src/index';
import { canonicalAnswer, startFakeProvider } from '../../src/testing/index';
import { fencedBlocks, readPage } from '../helpers/markdown-blocks';

const fake = await startFakeProvider({ script: { 'gpt-4o': [{ status: 429, retryAfter: 2 }] } });
afterAll(() => fake.close());

it('moves on to Azure at once when OpenAI asks for a longer wait than maxRetryAfterMs', async () => {
  const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'test' });
  const azure = createAzure({ baseURL: fake.azureBaseURL, apiKey: 'test' });
  const model = withFallback([openai.chat('gpt-4o'), azure.chat('my-deployment')], { maxRetryAfterMs: 1000 });

  const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });

  expect(text).toBe(canonicalAnswer('my-deployment'));
  expect(fake.requests.map(r => `${r.provider} ${r.step}`)).toEqual(['openai status 429', 'azure ok']);
});

// What the page imports from the package, this file imports from the sources.
const SOURCES: Record<string, string> = {
  "'ai-sdk-fallback'": "'../../src/index'",
  "'ai-sdk-fallback/testing'": "'../../src/testing/index'",
};

/** A module's one-line imports, and the code after them. */
function split(code: string): { imports: string[]; body: string } {
  const lines = code.split('\n');
  const imports = lines.filter(line => line.startsWith('import '));
  const last = lines.findLastIndex(line => line.startsWith('import '));
  return {
    imports,
    body: lines
      .slice(last + 1)
      .join('\n')
      .trim(),
  };
}

it('is the example docs/testing-kit.md shows', () => {
  const [example] = fencedBlocks(readPage('docs/testing-kit.md')).filter(block => block.lang === 'ts');
  const page = split(example!.code.replace(/'ai-sdk-fallback(?:\/testing)?'/g, name => SOURCES[name] ?? name));
  const own = split(readFileSync(fileURLToPath(import.meta.url), 'utf8'));

  expect(own.imports).toEqual(expect.arrayContaining(page.imports));
  expect(own.body).toContain(page.body);
});
