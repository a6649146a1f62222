import type { FakeProviderName } from './fake-request';
import type { FakeHttpErrorStep, FakeNamedErrorStep } from './fake-step';
import { httpStatusText } from './http-status-text';

/** An HTTP error answer: status, extra headers and the body (a string is sent verbatim). */
export interface WireError {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** OpenAI's error object, which `@ai-sdk/openai` and `@ai-sdk/azure` parse. */
export interface OpenAIErrorObject {
  message: string;
  type: string | null;
  param: string | null;
  code: string | number | null;
}

type UpstreamError = { status: number; error: OpenAIErrorObject & Record<string, unknown> };

// Wording copied from real OpenAI / Azure responses: error mappers match on it.
const OPENAI_NAMED_ERRORS: Record<Exclude<FakeNamedErrorStep, 'credits'>, UpstreamError> = {
  quota: {
    status: 429,
    error: {
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    },
  },
  'rate-limit': {
    status: 429,
    error: {
      message:
        'Rate limit reached for requests in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again later.',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
  },
  auth: {
    status: 401,
    error: {
      message:
        'Incorrect API key provided: test. You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    },
  },
  'server-error': {
    status: 500,
    error: {
      message: 'The server had an error while processing your request. Sorry about that! You can retry your request.',
      type: 'server_error',
      param: null,
      code: 'server_error',
    },
  },
  overloaded: {
    status: 503,
    error: {
      message: 'The engine is currently overloaded, please try again later.',
      type: 'overloaded_error',
      param: null,
      code: 'overloaded',
    },
  },
  'context-length': {
    status: 400,
    error: {
      message:
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    },
  },
  'content-filter': {
    status: 400,
    error: {
      message:
        'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
      type: 'invalid_request_error',
      param: null,
      code: 'content_policy_violation',
    },
  },
};

const AZURE_CONTENT_FILTER: UpstreamError = {
  status: 400,
  error: {
    message:
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
    type: null,
    param: 'prompt',
    code: 'content_filter',
    status: 400,
    innererror: {
      code: 'ResponsibleAIPolicyViolation',
      content_filter_result: {
        hate: { filtered: false, severity: 'safe' },
        self_harm: { filtered: false, severity: 'safe' },
        sexual: { filtered: false, severity: 'safe' },
        violence: { filtered: true, severity: 'medium' },
      },
    },
  },
};

// OpenRouter's own errors (not relayed from an upstream provider) carry the HTTP status as a numeric code.
const OPENROUTER_CREDITS = {
  error: {
    code: 402,
    message:
      'Insufficient credits. This account never purchased credits. Make sure your key is on the correct account or org, and if so, purchase more at https://openrouter.ai/settings/credits',
  },
};

const OPENROUTER_AUTH = { error: { code: 401, message: 'User not found.' } };

export function namedWireError(step: FakeNamedErrorStep, provider: FakeProviderName): WireError {
  if (step === 'credits') return { status: 402, headers: {}, body: OPENROUTER_CREDITS };
  if (provider === 'openrouter' && step === 'auth') {
    return { status: 401, headers: {}, body: OPENROUTER_AUTH };
  }

  const upstream = provider === 'azure' && step === 'content-filter' ? AZURE_CONTENT_FILTER : OPENAI_NAMED_ERRORS[step];

  return {
    status: upstream.status,
    headers: {},
    body:
      provider === 'openrouter'
        ? openRouterRelayedError(upstream.status, { error: upstream.error })
        : { error: upstream.error },
  };
}

/**
 * OpenRouter relays upstream failures as its own error with the upstream body in
 * `metadata.raw`; `@openrouter/ai-sdk-provider` builds the message from it
 * (`[OpenAI] You exceeded your current quota…`).
 */
function openRouterRelayedError(status: number, upstreamBody: unknown) {
  return {
    error: {
      code: status,
      message: 'Provider returned error',
      metadata: { provider_name: 'OpenAI', raw: JSON.stringify(upstreamBody) },
    },
    user_id: 'user_fake',
  };
}

export function httpWireError(step: FakeHttpErrorStep, provider: FakeProviderName): WireError {
  const headers: Record<string, string> = {};
  if (step.retryAfter != null) headers['retry-after'] = String(step.retryAfter);
  if (step.retryAfterMs != null) headers['retry-after-ms'] = String(step.retryAfterMs);

  return {
    status: step.status,
    headers,
    body:
      step.body !== undefined
        ? step.body
        : providerErrorBody(provider, {
            status: step.status,
            code: step.code,
            type: step.type,
            message: step.message,
          }),
  };
}

/** A provider-shaped error body for a status with optional code / type / message. */
export function providerErrorBody(
  provider: FakeProviderName,
  options: { status: number; code?: string | number; type?: string; message?: string },
): unknown {
  const message = options.message ?? `Fake provider error: ${options.status} ${httpStatusText(options.status)}`.trim();

  if (provider === 'openrouter') {
    return {
      error: {
        code: options.code ?? options.status,
        message,
        ...(options.type != null ? { type: options.type } : {}),
      },
    };
  }

  return {
    error: {
      message,
      type: options.type ?? null,
      param: null,
      code: options.code ?? null,
    } satisfies OpenAIErrorObject,
  };
}
