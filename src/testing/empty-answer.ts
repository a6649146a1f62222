import type { FakeRequest } from './fake-request';
import type { FakeEmptyAnswerStep } from './fake-step';
import { jsonResponse, SSE_HEADERS, sseEvent, type WireAction } from './wire-action';
import type { StreamWire } from './wire-format';

/**
 * A sign-in page of the kind a captive portal or an SSO proxy answers with, status 200:
 * nothing in it is an SSE `data:` line or JSON, so a client can only see "no answer".
 */
export const FAKE_HTML_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
<h1>Sign in to continue</h1>
<p>This network requires you to sign in before it forwards your requests.</p>
</body>
</html>
`;

/**
 * The wire actions of an empty-answer step, or `undefined` when the step has no
 * non-streaming form (`'done-only'`, `'accepted-only'`): the caller then answers normally.
 */
export function planEmptyAnswer(
  step: FakeEmptyAnswerStep,
  request: FakeRequest,
  wire: StreamWire,
  headers: Record<string, string>,
): WireAction[] | undefined {
  if (step === 'html') {
    return jsonResponse(200, FAKE_HTML_PAGE, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  }
  if (!request.stream) return step === 'empty-body' ? jsonResponse(200, '', headers) : undefined;

  const frames = step === 'done-only' ? [sseEvent('[DONE]')] : step === 'accepted-only' ? wire.accepted() : [];
  return [
    { type: 'head', status: 200, headers: { ...SSE_HEADERS, ...headers } },
    ...frames.map((data): WireAction => ({ type: 'write', data })),
    { type: 'end' },
  ];
}
