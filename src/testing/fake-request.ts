import { accountOf } from './fake-items';
import { trailingAssistantText } from './prefill';

/** The API a request was sent to, from the URL path. `'unknown'` paths are answered with 404. */
export type FakeApi = 'chat' | 'responses' | 'unknown';

/** Which provider package sent a request, inferred from the URL path and headers. */
export type FakeProviderName = 'openai' | 'azure' | 'openrouter' | 'unknown';

/** One request the fake provider received, as recorded in `requests`. */
export interface FakeRequest {
  /** 1-based, in arrival order (per fake provider or fake fetch). */
  id: number;
  /** `body.model`, or the deployment name of an Azure deployment-based URL. */
  model: string;
  api: FakeApi;
  provider: FakeProviderName;
  method: string;
  /** The URL path without the query string, e.g. `/openai/deployments/my-gpt/chat/completions`. */
  path: string;
  /** Query parameters, e.g. `{ 'api-version': '2024-10-21' }` for Azure deployment URLs. */
  query: Record<string, string>;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /**
   * The account the request was sent to: its base path (`/v1`, `/b/v1`, `/openai`) and key
   * (`authorization` or `api-key` header). Items and encrypted reasoning of Responses answers
   * belong to one account; another account's are refused, as the real API does.
   */
  account: string;
  /** `body.stream === true`. */
  stream: boolean;
  /** The parsed JSON body (`undefined` when it was not valid JSON). */
  body: any;
  /** What was done with the request, e.g. `'ok'`, `'quota'`, `'status 429'`, `'cutAfterTokens 3'`. */
  step: string;
  /** `Date.now()` when the request arrived. */
  startedAt: number;
  /** True when the client went away before the fake provider finished answering. */
  aborted: boolean;
  /** The text of a trailing assistant message (a prefill to continue), if the request ends with one. */
  prefill: string | undefined;
}

/** A request as it reaches the shared handler, from either the HTTP server or the fake fetch. */
export interface IncomingFakeRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions?x=1`. */
  url: string;
  headers: Record<string, string>;
  bodyText: string;
}

const DEPLOYMENT_PATH = /\/deployments\/([^/]+)\//;

export function parseIncomingRequest(incoming: IncomingFakeRequest, id: number): Omit<FakeRequest, 'step'> {
  const url = new URL(incoming.url, 'http://fake.invalid');
  const path = url.pathname;
  const body = parseJson(incoming.bodyText);
  const deployment = DEPLOYMENT_PATH.exec(path)?.[1];
  const bodyModel = body != null && typeof body === 'object' && typeof body.model === 'string' ? body.model : '';

  return {
    id,
    model: deployment != null ? decodeURIComponent(deployment) : bodyModel,
    api: inferApi(incoming.method, path),
    provider: inferProvider(path, incoming.headers),
    method: incoming.method,
    path,
    query: Object.fromEntries(url.searchParams),
    headers: incoming.headers,
    account: accountOf(path, incoming.headers),
    stream: body != null && typeof body === 'object' && body.stream === true,
    body,
    startedAt: Date.now(),
    aborted: false,
    prefill: trailingAssistantText(body),
  };
}

function inferApi(method: string, path: string): FakeApi {
  if (method !== 'POST') return 'unknown';
  if (path.endsWith('/chat/completions')) return 'chat';
  if (path.endsWith('/responses')) return 'responses';
  return 'unknown';
}

function inferProvider(path: string, headers: Record<string, string>): FakeProviderName {
  if (path.startsWith('/openai/')) return 'azure';
  if (path.startsWith('/api/v1/')) return 'openrouter';
  if (path.startsWith('/v1/')) return 'openai';

  // The path prefix is the contract; the user agent only helps for custom base URLs.
  const userAgent = headers['user-agent'] ?? '';
  if (headers['api-key'] != null || userAgent.includes('ai-sdk-azure')) return 'azure';
  if (userAgent.includes('openrouter')) return 'openrouter';
  if (userAgent.includes('ai-sdk-openai')) return 'openai';
  return 'unknown';
}

function parseJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
