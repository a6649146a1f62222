import { type UnknownRecord, valueAt } from './error-graph';
import { type ErrorFacts, readErrorFacts } from './facts';
import { PROVIDER_QUIRKS } from './providers';
import { redactSecrets } from './redact';

const MAX_DESCRIPTION_CHARS = 300;

/**
 * A one-line, human-readable account of a failure for logs and the
 * exhaustion error's message, e.g. `APICallError 429: Rate limit reached`.
 *
 * Adds the innermost cause (`(cause: other side closed [UND_ERR_SOCKET])`)
 * and OpenRouter's upstream detail when the message alone would hide them.
 * Secrets are redacted (see {@link redactSecrets}) and the line is cut to
 * about 300 characters. Never throws.
 */
export function describeError(error: unknown): string {
  return describeFacts(readErrorFacts(error));
}

/** {@link describeError} of facts already read. */
export function describeFacts(facts: ErrorFacts): string {
  try {
    return finishLine(rawDescription(facts));
  } catch {
    return 'Unknown error';
  }
}

/**
 * An error as the `toJSON` of this package's errors writes it: its name, its
 * status and the message part of its {@link describeError} line (redacted,
 * cut). Never its request or response bodies, headers or URL.
 */
export interface ErrorSummary {
  /** The error's own `name` (`AI_APICallError`), or the `code` of a nameless error part. */
  name?: string;
  message: string;
  statusCode?: number;
}

/** {@link ErrorSummary} of `error`. Never throws. */
export function summarizeError(error: unknown): ErrorSummary {
  const facts = readErrorFacts(error);
  try {
    const { record, status } = facts;
    const name = record === undefined ? undefined : (nonEmptyString(record.name) ?? nonEmptyString(record.code));
    return {
      ...(name === undefined ? {} : { name: redactSecrets(name) }),
      message: finishLine(rawMessage(facts)),
      ...(status === undefined ? {} : { statusCode: status }),
    };
  } catch {
    return { message: 'Unknown error' };
  }
}

function rawDescription(facts: ErrorFacts): string {
  const { record } = facts;
  const label =
    record === undefined ? '' : [errorName(record), facts.status].filter(part => part !== undefined).join(' ');
  return `${label === '' ? '' : `${label}: `}${rawMessage(facts)}`;
}

/** The description without its `Name status:` label. */
function rawMessage(facts: ErrorFacts): string {
  const { error, record } = facts;
  if (typeof error === 'string') return error;
  if (record === undefined) return String(error);
  const message = errorMessage(facts, record);
  const extra = [upstreamDetail(facts, message), causeDetail(facts, message)].filter(Boolean).join('; ');
  return `${message}${extra === '' ? '' : ` (${extra})`}`;
}

function errorName(record: UnknownRecord): string | undefined {
  const name = nonEmptyString(record.name);
  // The SDK prefixes every class name with `AI_`; it adds nothing in a log line.
  if (name !== undefined) return name.replace(/^AI_/, '');
  // Stream error parts are nameless objects; their string code (`server_error`) names them instead.
  return nonEmptyString(record.code);
}

function errorMessage(facts: ErrorFacts, record: UnknownRecord): string {
  const own = nonEmptyString(record.message);
  if (own !== undefined) return own;
  for (const payload of facts.payloads) {
    const message = nonEmptyString(payload.message);
    if (message !== undefined) return message;
  }
  // A gateway's HTML error page arrives with an empty message; its text still says something.
  const body = nonEmptyString(record.responseBody);
  if (body !== undefined) return body;
  // Never dump an Error: an APICallError carries the request body, i.e. the user's prompt.
  return (isErrorLike(record) ? undefined : safeJson(record)) ?? '(no message)';
}

function isErrorLike(record: UnknownRecord): boolean {
  return record instanceof Error || typeof record.name === 'string' || 'requestBodyValues' in record;
}

function upstreamDetail(facts: ErrorFacts, message: string): string | undefined {
  for (const payload of facts.payloads) {
    const rawValue = valueAt(payload, PROVIDER_QUIRKS.upstreamRaw);
    const raw = nonEmptyString(rawValue) ?? safeJson(rawValue);
    const provider = nonEmptyString(valueAt(payload, PROVIDER_QUIRKS.upstreamProvider));
    // OpenRouter's HTTP errors already read "[provider] upstream message"; only its 200 and stream errors hide the detail.
    if (raw === undefined || message.includes(raw) || (provider !== undefined && message.includes(`[${provider}]`)))
      continue;
    return provider === undefined ? raw : `${provider}: ${raw}`;
  }
  return undefined;
}

function causeDetail({ chain }: ErrorFacts, message: string): string | undefined {
  const innermost = chain.length > 1 ? chain[chain.length - 1] : undefined;
  if (innermost === undefined) return undefined;
  const causeMessage = nonEmptyString(innermost.message);
  if (causeMessage === undefined || message.includes(causeMessage)) return undefined;
  const code = nonEmptyString(innermost.code);
  return `cause: ${causeMessage}${code === undefined ? '' : ` [${code}]`}`;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function safeJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    const json = JSON.stringify(value);
    return json === '{}' ? undefined : json;
  } catch {
    return undefined;
  }
}

function finishLine(text: string): string {
  const line = redactSecrets(text.replace(/\s+/g, ' ').trim());
  return line.length <= MAX_DESCRIPTION_CHARS ? line : `${line.slice(0, MAX_DESCRIPTION_CHARS - 1)}…`;
}
