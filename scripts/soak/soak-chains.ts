import { createAzure } from '@ai-sdk/azure';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { type FallbackConfig, withFallback } from '../../src/index';
import type { FakeProvider } from '../../src/testing/index';

/**
 * The soak's clocks: short enough that hangs and stalls resolve in seconds, long enough that a
 * busy 2-core machine never trips them on a healthy answer. Every call must end within
 * `totalMs` (plus a little for the stream's last parts to reach the consumer).
 */
export const SOAK_TIMEOUTS = { requestMs: 2_000, firstChunkMs: 2_000, chunkIdleMs: 1_000, totalMs: 10_000 } as const;

/** The model ids of every chain, in chain order. */
export const SOAK_MODELS = ['alpha', 'bravo', 'charlie'] as const;

type Kind = 'openai chat' | 'openai responses' | 'azure' | 'openrouter';

/** One shared `withFallback` instance, as an application keeps one per route. */
export interface SoakChain {
  name: string;
  model: LanguageModelV4;
  midStream: 'error' | 'continue';
  circuitBreaker: boolean;
}

// Each provider package and API is primary in one chain and fallback in others; half the chains
// continue a failed stream, half keep the circuit breaker (the default) on.
const LAYOUTS: { kinds: [Kind, Kind, Kind]; midStream: 'error' | 'continue'; circuitBreaker: boolean }[] = [
  { kinds: ['openai chat', 'azure', 'openrouter'], midStream: 'error', circuitBreaker: true },
  { kinds: ['openai responses', 'openrouter', 'openai chat'], midStream: 'continue', circuitBreaker: false },
  { kinds: ['azure', 'openai chat', 'openai responses'], midStream: 'continue', circuitBreaker: true },
  { kinds: ['openrouter', 'openai responses', 'azure'], midStream: 'error', circuitBreaker: false },
];

/** Builds the soak's chains over the real provider packages, pointed at `fake`, sending through `fetch`. */
export function buildSoakChains(fake: FakeProvider, fetch: typeof globalThis.fetch): SoakChain[] {
  const openai = createOpenAI({ baseURL: fake.openaiBaseURL, apiKey: 'soak-key', fetch });
  const azure = createAzure({ baseURL: fake.azureBaseURL, apiKey: 'soak-key', fetch });
  const openrouter = createOpenRouter({ baseURL: fake.openrouterBaseURL, apiKey: 'soak-key', fetch });
  const make = (kind: Kind, modelId: string): LanguageModelV4 => {
    switch (kind) {
      case 'openai chat':
        return openai.chat(modelId);
      case 'openai responses':
        return openai.responses(modelId);
      case 'azure':
        return azure(modelId);
      case 'openrouter':
        return openrouter(modelId);
    }
  };

  return LAYOUTS.map(layout => {
    const config: FallbackConfig = {
      timeouts: SOAK_TIMEOUTS,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
      midStream: layout.midStream,
      ...(layout.circuitBreaker ? {} : { circuitBreaker: false }),
    };
    return {
      name: `${layout.kinds.join(' > ')} (${layout.midStream}${layout.circuitBreaker ? ', breaker' : ''})`,
      model: withFallback(
        layout.kinds.map((kind, position) => make(kind, SOAK_MODELS[position]!)),
        config,
      ) as LanguageModelV4,
      midStream: layout.midStream,
      circuitBreaker: layout.circuitBreaker,
    };
  });
}
