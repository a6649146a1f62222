import { z } from 'zod/v4';
import { didYouMean } from '../errors/did-you-mean';
import { FallbackConfigError } from '../errors/fallback-config-error';
import type { FallbackConfig, FallbackEntry, FallbackKindSettings } from '../types';
import type { AnyKindSpec, KindVersion } from '../versions/kinds/kind-spec';
import type { DetectedKind } from '../versions/kinds/model-kind';
import { DEFAULTS } from './defaults';
import { entryIds } from './entry-ids';
import { KIND_SETTINGS, kindCallOnlyMessage } from './kind-settings-schema';
import type { ResolvedEntry, ResolvedOptions } from './options';
import { entrySchema, fail, type Issue, timeoutsSchema } from './options-schema';
import { knownKeys } from './schema-keys';

type Kind = Exclude<DetectedKind, 'language'>;
/** An entry of a chain of another kind than language models. */
export type KindResolvedEntry = ResolvedEntry<{ provider: string; modelId: string }, FallbackKindSettings>;
type Where = { caller: string; root: string };

const modelSchema = z.custom<object>(
  value => typeof value === 'object' && value !== null && 'specificationVersion' in value,
  'expected an AI SDK model (an object with specificationVersion)',
);
const schemas = new Map<Kind, z.ZodType>();

/**
 * An entry of `kind`: the language entry's fields but those about answers and conversations
 * (`checkResult`, `commit`, `preparePrompt`, `hedge`), the kind's settings, and one clock (these calls do not stream).
 */
function entrySchemaOf(kind: Kind): z.ZodType {
  let schema = schemas.get(kind);
  if (schema === undefined) {
    schema = entrySchema.omit({ preparePrompt: true, checkResult: true, commit: true, hedge: true }).extend({
      model: modelSchema,
      settings: KIND_SETTINGS[kind].optional(),
      timeouts: timeoutsSchema.pick({ requestMs: true }).optional(),
    });
    schemas.set(kind, schema);
  }
  return schema;
}

/** Validates the entries of a chain of `kind`, as `parseEntries` does for language models. */
export function parseKindEntries(models: readonly unknown[], kind: Kind, where: Where): FallbackEntry<object>[] {
  const schema = entrySchemaOf(kind);
  return models.map((item, position) => {
    const entry = isEntry(item) ? item : { model: item };
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      const issues = parsed.error.issues.flatMap(issue =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map(key => ({ path: [...issue.path, key], message: unknownKey(schema, issue.path, key, kind) }))
          : [{ path: issue.path as PropertyKey[], message: issue.message }],
      );
      fail(`${where.caller}: invalid entry`, issues satisfies Issue[], `${where.root}[${position}]`);
    }
    return entry as FallbackEntry<object>;
  });
}

function unknownKey(schema: z.ZodType, path: readonly PropertyKey[], key: string, kind: Kind): string {
  const at = path.join('.');
  const callOnly = at === 'settings' ? kindCallOnlyMessage(kind, key) : undefined;
  if (callOnly !== undefined) return callOnly;
  if (at === 'timeouts' && (key === 'firstChunkMs' || key === 'chunkIdleMs')) {
    return `a stream clock: ${kind === 'audio' ? 'speech and transcription' : kind} calls do not stream; requestMs is their clock`;
  }
  const known = knownKeys(schema, path);
  const suggestion = didYouMean(key, known);
  return suggestion !== ''
    ? `unknown option${suggestion}`
    : `unknown option; expected one of ${known.map(name => `'${name}'`).join(', ')}`;
}

/**
 * Options of the chain that only language models' streams and answers have: refused for the
 * other kinds rather than silently ignored.
 */
export function refuseLanguageOptions(config: FallbackConfig | undefined, kind: Kind, caller: string): void {
  const issues: Issue[] = [];
  const what = kind === 'audio' ? 'speech and transcription' : kind;
  for (const clock of ['firstChunkMs', 'chunkIdleMs'] as const) {
    if (config?.timeouts?.[clock] !== undefined) {
      issues.push({
        path: ['timeouts', clock],
        message: `a stream clock: ${what} calls do not stream; use requestMs and totalMs`,
      });
    }
  }
  if (config?.midStream !== undefined) {
    issues.push({ path: ['midStream'], message: `applies to streams: ${what} calls do not stream` });
  }
  if (config?.hedge !== undefined) {
    issues.push({
      path: ['hedge'],
      message: `hedged requests are for language models; ${what} chains do not hedge yet`,
    });
  }
  for (const option of ['checkResult', 'commit'] as const) {
    if (config?.[option] !== undefined) {
      issues.push({ path: [option], message: `applies to language models' answers, not to ${what} results` });
    }
  }
  if (issues.length > 0) fail(`${caller}: invalid config`, issues, 'config');
}

/** The entries with defaults applied, each model checked for the kind and lifted to the chain's `version`. */
export function resolveKindEntries(
  entries: readonly FallbackEntry<object>[],
  options: ResolvedOptions,
  spec: AnyKindSpec,
  version: KindVersion,
  where: Where,
): KindResolvedEntry[] {
  const models = entries.map((entry, position) => {
    const at = `${where.root}[${position}]`;
    const model = entry.model as { specificationVersion: string; provider: string; modelId: string };
    if (!(spec.versions as readonly string[]).includes(model.specificationVersion)) {
      throw new TypeError(
        `${where.caller}: ${at}.model: ${spec.kind} models of specificationVersion '${model.specificationVersion}' ` +
          `are not supported; expected ${spec.versions.map(v => `'${v}'`).join(' or ')}`,
      );
    }
    const unusable = spec.unusable?.(model);
    if (unusable !== undefined) throw new TypeError(`${where.caller}: ${at}.model ${unusable}`);
    for (const setting of spec.unsupportedSettings(version)) {
      if ((entry.settings as Record<string, unknown> | undefined)?.[setting] !== undefined) {
        const message = `${spec.kind} models of '${version}' have no '${setting}' call option; set it through providerOptions instead`;
        throw new FallbackConfigError(`${where.caller}: ${at}.settings.${setting}: ${message}`, {
          issues: [{ path: `${at}.settings.${setting}`, message }],
        });
      }
    }
    return spec.normalize(model, version) as typeof model;
  });
  const ids = entryIds(
    entries.map((entry, position) => ({ id: entry.id, model: models[position]! })),
    where,
  );
  return entries.map((entry, position) => ({
    index: position,
    id: ids[position]!,
    provider: models[position]!.provider,
    modelId: models[position]!.modelId,
    model: models[position]!,
    catchErrors: entry.catchErrors ?? DEFAULTS.catchErrors,
    maxRetries: entry.maxRetries ?? options.maxRetriesPerModel,
    checkResult: undefined,
    commit: DEFAULTS.commit,
    hedge: false,
    settings: entry.settings as FallbackKindSettings | undefined,
    timeouts: {
      ...options.timeouts,
      ...(entry.timeouts?.requestMs === undefined ? {} : { requestMs: entry.timeouts.requestMs }),
    },
  }));
}

function isEntry(item: unknown): item is FallbackEntry<object> {
  return typeof item === 'object' && item !== null && 'model' in item && !('specificationVersion' in item);
}
