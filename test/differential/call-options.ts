import type { LanguageModelV4 } from '@ai-sdk/provider';
import { type generateText, Output, type streamText, type Telemetry, tool } from 'ai';
import { z } from 'zod';
import { normalize } from './normalize';
import type { Row } from './rows';

/** One observation: the model under test, its row, and what the callbacks saw. */
export interface Observation {
  model: LanguageModelV4;
  row: Row;
  abortSignal: AbortSignal;
  /** Every callback call, in order, with its argument normalized when it was made. */
  calls: { name: string; arg: unknown }[];
}

export function record(observation: Observation, name: string) {
  return (arg: unknown) => {
    observation.calls.push({ name, arg: normalize(arg) });
  };
}

export function callsTo(observation: Observation, ...names: string[]) {
  return observation.calls.filter(call => names.includes(call.name));
}

/** Ids and clocks the SDK would draw at random, fixed per observation so both sides draw the same. */
function fixedInternal() {
  let ids = 0;
  let callIds = 0;
  return {
    generateId: () => `id-${++ids}`,
    generateCallId: () => `call-id-${++callIds}`,
    now: () => 0,
  };
}

const citySchema = z.object({ city: z.string() });

function tools(kind: Row['tools']) {
  if (kind === undefined) return {};
  const inputSchema = z.object({ city: z.string() });
  const weather =
    kind === 'execute'
      ? tool({ inputSchema, execute: async ({ city }) => ({ city, celsius: 21 }) })
      : tool({ inputSchema });
  return { tools: { weather } };
}

/** A telemetry integration that records every lifecycle callback, in order. */
export function telemetryRecorder(observation: Observation): Telemetry {
  const on = (name: string) => record(observation, `telemetry.${name}`);
  return {
    onStart: on('onStart'),
    onStepStart: on('onStepStart'),
    onLanguageModelCallStart: on('onLanguageModelCallStart'),
    onLanguageModelCallEnd: on('onLanguageModelCallEnd'),
    onToolExecutionStart: on('onToolExecutionStart'),
    onToolExecutionEnd: on('onToolExecutionEnd'),
    onStepEnd: on('onStepEnd'),
    onStepError: on('onStepError'),
    onEnd: on('onEnd'),
    onAbort: on('onAbort'),
    onError: on('onError'),
  };
}

function commonOptions(observation: Observation, withTelemetry: boolean) {
  const { row } = observation;
  return {
    model: observation.model,
    prompt: 'What is the weather in Paris?',
    maxRetries: 0,
    abortSignal: observation.abortSignal,
    ...tools(row.tools),
    ...(row.json ? { output: Output.object({ schema: citySchema }) } : {}),
    // Per-call integrations replace the globally registered ones: only the recorder sees this call.
    ...(withTelemetry ? { telemetry: { integrations: [telemetryRecorder(observation)] } } : {}),
    _internal: fixedInternal(),
  };
}

/** `streamText` options for `observation`: every callback is recorded. */
export function streamOptions(observation: Observation, { telemetry = false } = {}): Parameters<typeof streamText>[0] {
  return {
    ...commonOptions(observation, telemetry),
    ...(observation.row.rawChunks ? { includeRawChunks: true } : {}),
    onError: record(observation, 'onError'),
    onEnd: record(observation, 'onEnd'),
    onAbort: record(observation, 'onAbort'),
  } as Parameters<typeof streamText>[0];
}

/** `generateText` options for `observation`. */
export function generateOptions(
  observation: Observation,
  { telemetry = false } = {},
): Parameters<typeof generateText>[0] {
  return commonOptions(observation, telemetry) as Parameters<typeof generateText>[0];
}
