import { trailingAssistantText } from '../../src/testing/prefill';
import { callIndexOf } from './soak-plan';

/** One request as the provider package sent it, in send order. */
export interface SentRequest {
  /** 1-based, in send order; also sent as the `x-soak-send` header so the fake's record can be joined. */
  sendId: number;
  callIndex: number | undefined;
  model: string;
  stream: boolean;
  prefill: string | undefined;
}

/** The header that carries {@link SentRequest.sendId} to the fake provider. */
export const SEND_ID_HEADER = 'x-soak-send';

/**
 * A `fetch` for the provider packages that logs every request as it is sent. The fake provider
 * records requests as they arrive, which under load is not the order the chain sent them in
 * (a request the chain already gave up on can arrive after the next one), nor does it see a
 * request aborted before its body arrived. The chain's attempts are checked against this log.
 */
export function createSendLog(): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const logged: typeof fetch = (input, init) => {
    let body: unknown;
    try {
      body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    } catch {
      body = undefined;
    }
    const fields = (body ?? {}) as { model?: unknown; stream?: unknown };
    const entry: SentRequest = {
      sendId: sent.length + 1,
      callIndex: callIndexOf({ body }),
      model: typeof fields.model === 'string' ? fields.model : '',
      stream: fields.stream === true,
      prefill: trailingAssistantText(body),
    };
    sent.push(entry);
    const headers = new Headers(init?.headers);
    headers.set(SEND_ID_HEADER, String(entry.sendId));
    return fetch(input, { ...init, headers });
  };
  return { fetch: logged, sent };
}
