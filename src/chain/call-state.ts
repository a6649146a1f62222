import type { Action, ChainState } from './decide';

/** The decision's state as the loop keeps it. */
export interface CallState extends ChainState {
  index: number;
  attempt: number;
  tried: Set<number>;
  skipped: number[];
  bypass: boolean;
  lastType: ChainState['lastType'];
}

export function freshState(index: number): CallState {
  return { index, attempt: 1, tried: new Set(), skipped: [], bypass: false, lastType: undefined };
}

export function moveTo(
  state: CallState,
  action: Extract<Action, { kind: 'move' }>,
): { index: number; attempt: number } {
  state.index = action.to;
  state.attempt = 1;
  state.bypass = action.bypass;
  return { index: action.to, attempt: 1 };
}
