import { z } from 'zod/v4';
import { hedgeFields } from '../chain/hedge-schema';
import { kindOptionsShape } from '../chain/kind-options-schema';
import { numberOption } from '../chain/number-option';
import {
  breakerFields,
  configSchema,
  entrySchema,
  timeoutsSchema,
  withBreakerShorthand,
} from '../chain/options-schema';
import { didYouMean } from '../errors/did-you-mean';
import { errorTypeListSchema } from './error-type-name';

export const PROVIDER_NAMES = ['openai', 'azure', 'openrouter'] as const;

const providerName = z.enum(PROVIDER_NAMES, {
  error: issue =>
    issue.input === undefined
      ? "required: 'openai', 'azure' or 'openrouter'"
      : `expected 'openai', 'azure' or 'openrouter'${didYouMean(issue.input, PROVIDER_NAMES)}`,
});
const text = z.string({ error: 'expected a non-empty string' }).trim().min(1, 'expected a non-empty string');
const httpUrl = z
  .string({ error: 'expected an http(s) URL' })
  .refine(isHttpUrl, 'expected an http(s) URL such as https://example.com/v1');
const envName = z
  .string({ error: 'expected the name of an environment variable' })
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'expected the name of an environment variable (letters, digits, _), not the key itself',
  );
/** What `@ai-sdk/azure` accepts in `https://<resourceName>.openai.azure.com`. */
export const AZURE_RESOURCE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const azureResourceName = z
  .string({ error: 'expected an Azure resource name' })
  .regex(
    AZURE_RESOURCE_NAME,
    'expected an Azure resource name: one DNS label (letters, digits, hyphens); use baseURL for other endpoints',
  );
const positiveInt = numberOption('whole number > 0', { int: true, gt: 0 });

const entryShape = {
  provider: providerName,
  model: z
    .string({
      error: issue =>
        issue.input === undefined
          ? 'required: the model id (the deployment name for azure)'
          : 'expected a non-empty string',
    })
    .trim()
    .min(1, 'expected a non-empty string'),
  id: entrySchema.shape.id,
  baseURL: httpUrl.optional(),
  apiKeyEnv: envName.optional(),
  api: z.enum(['chat', 'responses'], { error: "expected 'chat' or 'responses'" }).optional(),
  apiVersion: text.optional(),
  resourceName: azureResourceName.optional(),
  maxTokens: positiveInt.optional(),
  temperature: numberOption('number >= 0', { min: 0 }).optional(),
  catchErrors: errorTypeListSchema.optional(),
  maxRetries: entrySchema.shape.maxRetries,
  timeouts: entrySchema.shape.timeouts,
  commit: entrySchema.shape.commit,
  hedge: entrySchema.shape.hedge,
};

/** One configured model, keys in camelCase. Cross-field rules are checked here too. */
export const providerEntrySchema = z
  .strictObject(entryShape, { error: objectExpected })
  .superRefine((entry, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (entry.provider !== 'azure') {
      if (entry.apiVersion !== undefined) issue('apiVersion', 'only azure entries take an api version');
      if (entry.resourceName !== undefined) issue('resourceName', 'only azure entries take a resource name');
      if (entry.model.includes('|')) {
        issue('model', "the 'deployment|api-version' form is only for azure entries; expected a model id");
      }
    } else if (entry.model.includes('|')) {
      const [deployment, version, ...rest] = entry.model.split('|').map(part => part.trim());
      if (!deployment || !version || rest.length > 0) {
        issue('model', "expected 'deployment' or 'deployment|api-version', e.g. 'gpt-35-turbo|2024-02-15-preview'");
      } else if (entry.apiVersion !== undefined) {
        issue('apiVersion', "the api version is already given in the model ('deployment|api-version'); keep one");
      }
    }
    if (entry.provider === 'openrouter' && entry.api === 'responses') {
      issue('api', "expected 'chat': openrouter entries use chat completions ('responses' is for openai and azure)");
    }
    if (entry.provider === 'azure' && entry.baseURL !== undefined && entry.resourceName !== undefined) {
      issue('resourceName', 'give either a base URL or a resource name, not both');
    }
  });

const breakerShape = breakerFields;
const circuitBreakerSchema = withBreakerShorthand(
  z.strictObject(breakerShape, {
    error: issue => (issue.code === 'invalid_type' ? 'expected false or an object' : undefined),
  }),
);

const rootShape = {
  $schema: z.string().optional(),
  enabled: configSchema.shape.enabled,
  primary: providerEntrySchema.optional(),
  providers: z.array(providerEntrySchema, { error: 'expected an array of providers' }).optional(),
  maxRetriesPerProvider: configSchema.shape.maxRetriesPerModel,
  retryOn: errorTypeListSchema.optional(),
  backoff: configSchema.shape.backoff,
  maxRetryAfterMs: configSchema.shape.maxRetryAfterMs,
  timeouts: configSchema.shape.timeouts,
  midStream: configSchema.shape.midStream,
  commit: configSchema.shape.commit,
  circuitBreaker: circuitBreakerSchema.optional(),
  kind: kindOptionsShape.kind,
  allowMixedDimensions: kindOptionsShape.allowMixedDimensions,
  hedge: configSchema.shape.hedge,
};

const LANGUAGE_ONLY = ['api', 'maxTokens', 'temperature'] as const;

/** The whole config, keys in camelCase (see `normalizeKeys`). */
export const chainConfigSchema = z.strictObject(rootShape, { error: objectExpected }).superRefine((config, context) => {
  const seen = new Set<string>();
  const entries: [PropertyKey[], { id?: string | undefined }][] = [
    ...(config.primary ? [[['primary'], config.primary] as [PropertyKey[], { id?: string }]] : []),
    ...(config.providers ?? []).map(
      (entry, index) => [['providers', index], entry] as [PropertyKey[], { id?: string }],
    ),
  ];
  for (const [path, entry] of entries) {
    // Chat-only fields on the entries of another kind would be silently lost.
    for (const field of config.kind === undefined || config.kind === 'language' ? [] : LANGUAGE_ONLY) {
      if ((entry as Record<string, unknown>)[field] !== undefined) {
        context.addIssue({ code: 'custom', path: [...path, field], message: `only language models take ${field}` });
      }
    }
    if (entry.id === undefined) continue;
    if (seen.has(entry.id)) {
      context.addIssue({
        code: 'custom',
        path: [...path, 'id'],
        message: 'already used by another entry; ids must be unique',
      });
    }
    seen.add(entry.id);
  }
});

/** A validated config: camelCase keys, error types as values (`'rate-limit'`). */
export type ParsedChainConfig = z.output<typeof chainConfigSchema>;
/** A validated entry. */
export type ParsedProviderEntry = z.output<typeof providerEntrySchema>;

/** The fields each kind of object accepts, for "did you mean" on unknown ones. */
export const KNOWN_KEYS = {
  root: Object.keys(rootShape),
  entry: Object.keys(entryShape),
  timeouts: Object.keys(timeoutsSchema.shape),
  entryTimeouts: Object.keys(timeoutsSchema.shape).filter(key => key !== 'totalMs'),
  backoff: Object.keys(configSchema.shape.backoff.unwrap().shape),
  circuitBreaker: Object.keys(breakerShape),
  hedge: Object.keys(hedgeFields),
} as const;

function objectExpected(issue: { code: string }): string | undefined {
  return issue.code === 'invalid_type' ? 'expected an object' : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
