import type { FakeRequest, FakeStep } from '../../src/testing/index';
import type { Random } from './random';
import { SOAK_MODELS } from './soak-chains';
import { drawFault } from './soak-faults';

/** A step as the fake received it, with the fault's name. */
export interface InjectedStep {
  label: string;
  step: Exclude<FakeStep, (...args: never[]) => unknown>;
}

/** Everything drawn for one call before it starts: replaying a seed replays every call. */
export interface CallPlan {
  index: number;
  chain: number;
  operation: 'generate' | 'stream';
  /** Per model, the step for each of its requests in this call, in order; then `'ok'`. */
  steps: Record<string, InjectedStep[]>;
}

// Three attempts per model, plus continuation attempts: more than a call can use.
const STEPS_PER_MODEL = 8;

export function drawCallPlan(random: Random, index: number, chains: number): CallPlan {
  const chain = random.int(0, chains - 1);
  const operation = random() < 0.5 ? 'generate' : 'stream';
  const steps: Record<string, InjectedStep[]> = {};
  for (const model of SOAK_MODELS) steps[model] = Array.from({ length: STEPS_PER_MODEL }, () => drawFault(random));
  return { index, chain, operation, steps };
}

/** The prompt of call `index`: the fake tells calls apart by it. */
export function callPrompt(index: number): string {
  return `Soak call #${index}. Say hello.`;
}

const CALL_NUMBER = /Soak call #(\d+)\./;

/** Which call a request belongs to, from the prompt in its body. */
export function callIndexOf(request: { body: unknown }): number | undefined {
  const match = CALL_NUMBER.exec(JSON.stringify(request.body ?? ''));
  return match === null ? undefined : Number(match[1]);
}

/**
 * The fake's script: each request gets the next planned step of its call and model. The step
 * handed out is remembered per request, so the checks know exactly what each attempt met.
 */
export function plannedScript(plans: readonly CallPlan[], injected: WeakMap<FakeRequest, InjectedStep>) {
  const used = new Map<string, number>();
  return (request: FakeRequest): FakeStep => {
    const index = callIndexOf(request);
    const plan = index === undefined ? undefined : plans[index];
    if (plan === undefined) return 'ok';
    const key = `${index}/${request.model}`;
    const position = used.get(key) ?? 0;
    used.set(key, position + 1);
    const step = plan.steps[request.model]?.[position] ?? { label: 'ok', step: 'ok' };
    injected.set(request, step);
    return step.step;
  };
}
