import { apiError, errorPart, failedMeta, finish, generated, start, usage13 } from './parts';
import type { Script } from './scripted-model';

/** A primary that fails before any output, in a way the default chain falls back from. */
export interface FailingPrimary extends Script {
  name: string;
}

export const failingPrimaries: FailingPrimary[] = [
  {
    name: 'rejects with a 429 APICallError',
    stream: { rejects: apiError(429, 'Rate limit reached') },
    generate: { rejects: apiError(429, 'Rate limit reached') },
  },
  {
    name: 'sends an error part before output',
    stream: [start, failedMeta, errorPart(apiError(503, 'Service unavailable'))],
    generate: { rejects: apiError(503, 'Service unavailable') },
  },
  {
    name: 'finishes with reason error before output',
    stream: [start, failedMeta, finish('error', 'server_error', usage13)],
    generate: generated([], 'error', { raw: 'server_error', failed: true }),
  },
  {
    name: 'sends an empty stream (finish stop, no output)',
    stream: [start, failedMeta, finish('stop', 'stop')],
    generate: generated([], 'stop', { failed: true }),
  },
];
