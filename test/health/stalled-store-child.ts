/**
 * Run by stalled-store-exit.test.ts in a child process: one call through a
 * chain whose shared store never settles any promise, with nothing else
 * keeping the process alive. Prints the answer once the call settles.
 */
import { generateText } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { type HealthStore, withFallback } from '../../src/index';
import { generateResult } from '../helpers/mock-models';

const never = () => new Promise<never>(() => {});
const store: HealthStore = { get: never, set: never, increment: never, delete: never };
const model = withFallback(
  [new MockLanguageModelV4({ provider: 'mock', modelId: 'primary', doGenerate: async () => generateResult('pong') })],
  { circuitBreaker: { store, storeTimeoutMs: 200 }, logger: {} },
);

// Not a top-level await, on purpose: Node would report an unsettled one (exit 13); a server's handler is a plain promise.
void generateText({ model, prompt: 'ping', maxRetries: 0 }).then(
  result => console.log(`answer: ${result.text}`),
  error => console.log(`failed: ${String(error)}`),
);
