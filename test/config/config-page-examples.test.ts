import { describe, expect, it } from 'vitest';
import { resolveChainFromConfig } from '../../src/config/resolve-chain';
import { fencedBlocks, readPage } from '../helpers/markdown-blocks';

const jsonBlocks = fencedBlocks(readPage('docs/configuration.md'))
  .filter(block => block.heading === 'The config file' && block.lang === 'json')
  .map(block => JSON.parse(block.code) as unknown);
const env = { OPENAI_API_KEY: 'k', AZURE_API_KEY: 'k', TEAM_OPENROUTER_KEY: 'k' };

function entries(config: unknown) {
  return resolveChainFromConfig(config, { env }).models.map(item => {
    const { model, ...entry } = item as { model: { provider: string; modelId: string } };
    return { provider: model.provider, modelId: model.modelId, ...entry };
  });
}

describe('the config files of docs/configuration.md', () => {
  it('are valid, and the snake_case and camelCase ones describe the same chain', () => {
    expect(jsonBlocks).toHaveLength(2);
    const [snake, camel] = jsonBlocks;
    expect(entries(snake)).toEqual(entries(camel));
    expect(entries(snake).map(entry => `${entry.provider}:${entry.modelId}`)).toEqual([
      'openai.responses:gpt-4o',
      'azure.chat:gpt-35-turbo',
      'openrouter:anthropic/claude-sonnet-4',
    ]);
  });
});
