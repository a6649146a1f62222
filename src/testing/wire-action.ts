/**
 * One instruction for a transport (the HTTP server or the fake fetch). A response is a list
 * of these, so both transports replay exactly the same behaviour.
 */
export type WireAction =
  /** Tear the connection down before any response headers. */
  | { type: 'reset' }
  /** Do nothing for `ms` (`Infinity`: until the client aborts or the server closes). */
  | { type: 'wait'; ms: number }
  | { type: 'head'; status: number; headers: Record<string, string> }
  | { type: 'write'; data: string }
  /** Destroy the connection mid-body, without finishing the response. */
  | { type: 'cut' }
  | { type: 'end' };

/** Encodes one server-sent event; `event` is the optional `event:` line the Responses API sends. */
export function sseEvent(data: string, event?: string): string {
  return `${event != null ? `event: ${event}\n` : ''}data: ${data}\n\n`;
}

/** A JSON response, complete with `content-length` like a real provider sends. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): WireAction[] {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  return [
    {
      type: 'head',
      status,
      headers: {
        'content-type': 'application/json',
        'content-length': String(byteLength(data)),
        ...headers,
      },
    },
    { type: 'write', data },
    { type: 'end' },
  ];
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};
