import { HeldFailure } from '../attempt/held-failure';
import { type CallState, freshState } from './call-state';
import { type ClassifiedFailure, classifyFailure } from './failure';
import type { ChainHealth, HealthCall } from './health';
import type { HedgeRace } from './hedge-race';
import type { Chain } from './options';

/** A racer that failed while the other still ran: recorded as any failed attempt, once the race is over. */
export async function recordEarlier<T>(
  race: HedgeRace<T>,
  health: ChainHealth,
  call: HealthCall,
  options: Chain['options'],
  failures: ClassifiedFailure[] | undefined,
  state: CallState | undefined,
): Promise<{ failures: ClassifiedFailure[] | undefined; state: CallState | undefined }> {
  const earlier = race.earlier;
  if (earlier === undefined) return { failures, state };
  const { racer, error, at } = earlier;
  const held = error instanceof HeldFailure ? error : undefined;
  const timeout = racer.scope.timeout;
  const failure = classifyFailure(
    timeout ?? held?.error ?? error,
    racer.entry,
    racer.attempt,
    at - racer.startedAt,
    options,
    held?.usage,
  );
  const recorded = failures ?? [];
  recorded.push(failure);
  const known = state ?? freshState(racer.position);
  known.tried.add(racer.position);
  await health.failed(call, racer.entry, racer.gate, failure, timeout?.kind).catch(() => {});
  return { failures: recorded, state: known };
}
