import { canonicalAnswer, splitIntoTokens } from './canonical-answer';
import { planEmptyAnswer } from './empty-answer';
import type { FakeReasoningItem } from './fake-items';
import type { FakeRequest } from './fake-request';
import { isEmptyAnswerStep, isNamedErrorStep, type ResolvedFakeStep } from './fake-step';
import { statusFromErrorCode } from './http-status-text';
import { prefillRejection, prefillRemainder } from './prefill';
import { answerShape } from './result-steps';
import { jsonResponse, SSE_HEADERS, type WireAction } from './wire-action';
import { httpWireError, namedWireError, providerErrorBody, type WireError } from './wire-errors';
import type { StreamWire, WireContext, WireFormat } from './wire-format';
import { openaiChatWire } from './wire-openai-chat';
import { openaiResponsesWire } from './wire-openai-responses';

/** Turns a step into the exact sequence of things to do on the wire for one request. */
export function planResponse(
  step: ResolvedFakeStep,
  request: FakeRequest,
  options: { tokenDelayMs: number; reasoning?: FakeReasoningItem },
): WireAction[] {
  const headers = { 'x-request-id': `req_fake${request.id}` };

  if (request.api === 'unknown') {
    return errorActions(
      {
        status: 404,
        headers: {},
        body: providerErrorBody(request.provider, {
          status: 404,
          type: 'invalid_request_error',
          message: `Unknown request URL: ${request.method} ${request.path}`,
        }),
      },
      headers,
    );
  }
  if (step === 'reset') return [{ type: 'reset' }];
  if (step === 'hang') return [{ type: 'wait', ms: Number.POSITIVE_INFINITY }];
  if (isNamedErrorStep(step)) return errorActions(namedWireError(step, request.provider), headers);
  if (typeof step === 'object' && 'status' in step) {
    return errorActions(httpWireError(step, request.provider), headers);
  }
  if (step === 'reject-prefill' && request.prefill !== undefined) {
    return errorActions(prefillRejection(request.provider), headers);
  }

  const format: WireFormat = request.api === 'responses' ? openaiResponsesWire : openaiChatWire;
  const shape = answerShape(step);
  const answer =
    shape?.text ??
    (typeof step === 'object' && 'text' in step ? step.text : undefined) ??
    canonicalAnswer(request.model);
  const full = request.prefill === undefined ? answer : prefillRemainder(answer, request.prefill);
  const tokens = splitIntoTokens(full).slice(0, shape?.tokens);
  const context: WireContext = {
    request,
    text: shape?.tokens === undefined ? full : tokens.join(''),
    tokens,
    promptTokens: estimatePromptTokens(request.body),
    createdAt: Math.floor(request.startedAt / 1000),
    ...(shape?.ending === undefined ? {} : { ending: shape.ending }),
    reasoning: options.reasoning,
  };

  if (isEmptyAnswerStep(step)) {
    const empty = planEmptyAnswer(step, request, format.stream(context), headers);
    if (empty !== undefined) return empty;
  }

  return request.stream
    ? planStream(step, format.stream(context), context, headers, options.tokenDelayMs)
    : planJson(step, format, context, headers);
}

function planJson(
  step: ResolvedFakeStep,
  format: WireFormat,
  context: WireContext,
  headers: Record<string, string>,
): WireAction[] {
  const body = JSON.stringify(format.json(context));
  // Faults that happen "after N tokens" in a stream happen half-way through the body here.
  const half = Math.floor(body.length / 2);
  const [head] = jsonResponse(200, body, headers);
  const firstHalf: WireAction = { type: 'write', data: body.slice(0, half) };
  const secondHalf: WireAction = { type: 'write', data: body.slice(half) };

  if (step === 'malformed') return jsonResponse(200, body.slice(0, half), headers);
  if (typeof step !== 'object') return jsonResponse(200, body, headers);
  if ('headersDelayMs' in step) {
    return [{ type: 'wait', ms: step.headersDelayMs }, ...jsonResponse(200, body, headers)];
  }
  if ('firstTokenDelayMs' in step) {
    return [head!, { type: 'wait', ms: step.firstTokenDelayMs }, { type: 'write', data: body }, { type: 'end' }];
  }
  if ('cutAfterTokens' in step) return [head!, firstHalf, { type: 'cut' }];
  if ('stallAfterTokens' in step) {
    return [
      head!,
      firstHalf,
      { type: 'wait', ms: step.forMs ?? Number.POSITIVE_INFINITY },
      secondHalf,
      { type: 'end' },
    ];
  }
  if ('errorAfterTokens' in step) {
    const status = statusFromErrorCode(step.code) ?? 500;
    return errorActions(
      {
        status,
        headers: {},
        body: providerErrorBody(context.request.provider, {
          status,
          code: step.code ?? 'server_error',
          type: step.code == null ? 'server_error' : undefined,
          message: step.message,
        }),
      },
      headers,
    );
  }
  return jsonResponse(200, body, headers);
}

function planStream(
  step: ResolvedFakeStep,
  wire: StreamWire,
  context: WireContext,
  headers: Record<string, string>,
  tokenDelayMs: number,
): WireAction[] {
  const actions: WireAction[] = [];
  const write = (frames: string[]) => {
    for (const data of frames) actions.push({ type: 'write', data });
  };
  const wait = (ms: number) => {
    if (ms > 0) actions.push({ type: 'wait', ms });
  };
  const tokens = context.tokens;
  const writeTokens = (from: number, to: number) => {
    for (let index = from; index < Math.min(to, tokens.length); index++) {
      if (index > 0) wait(tokenDelayMs);
      actions.push({ type: 'write', data: wire.token(tokens[index]!) });
    }
  };
  const head = () => actions.push({ type: 'head', status: 200, headers: { ...SSE_HEADERS, ...headers } });

  if (typeof step === 'object' && 'headersDelayMs' in step) wait(step.headersDelayMs);
  head();

  if (typeof step === 'object' && 'errorAfterTokens' in step) {
    write(wire.accepted());
    if (step.errorAfterTokens > 0) {
      write(wire.openOutput());
      writeTokens(0, step.errorAfterTokens);
    }
    write(wire.error(step.code, step.message));
    actions.push({ type: 'end' });
    return actions;
  }

  write(wire.accepted());
  write(wire.openOutput());

  if (typeof step === 'object' && 'cutAfterTokens' in step) {
    writeTokens(0, step.cutAfterTokens);
    actions.push({ type: 'cut' });
    return actions;
  }

  if (typeof step === 'object' && 'firstTokenDelayMs' in step) wait(step.firstTokenDelayMs);

  if (typeof step === 'object' && 'stallAfterTokens' in step) {
    writeTokens(0, step.stallAfterTokens);
    actions.push({ type: 'wait', ms: step.forMs ?? Number.POSITIVE_INFINITY });
    writeTokens(step.stallAfterTokens, tokens.length);
  } else if (step === 'malformed') {
    const middle = Math.floor(tokens.length / 2);
    writeTokens(0, middle);
    actions.push({ type: 'write', data: wire.malformed() });
    writeTokens(middle, tokens.length);
  } else {
    writeTokens(0, tokens.length);
  }

  write(wire.closeOutput());
  if (step !== 'no-done') write(wire.complete());
  actions.push({ type: 'end' });
  return actions;
}

function errorActions(error: WireError, headers: Record<string, string>): WireAction[] {
  return jsonResponse(error.status, error.body, { ...headers, ...error.headers });
}

function estimatePromptTokens(body: any): number {
  const prompt = body?.messages ?? body?.input ?? '';
  return Math.max(1, Math.ceil(JSON.stringify(prompt).length / 4));
}
