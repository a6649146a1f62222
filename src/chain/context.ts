import type { FallbackCallContext } from '../types';

let calls = 0;
const callPrefix = Math.random().toString(36).slice(2, 8);

/** A new call's context: its id is unique in this process and unlikely to collide across processes. */
export function newContext(operation: FallbackCallContext['operation']): FallbackCallContext {
  return { callId: `${callPrefix}-${++calls}`, operation };
}
