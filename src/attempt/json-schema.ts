/**
 * JSON Schema validation through the optional peer `@cfworker/json-schema`:
 * small, kept up, every draft the AI SDK sends (4, 7, 2019-09, 2020-12), and
 * an interpreter, so it runs where code generation is forbidden (the Edge
 * runtime, Cloudflare Workers). Loaded on the first call that sends a schema.
 */

/** The part of `@cfworker/json-schema` used here. */
interface ValidatorModule {
  Validator: new (
    schema: object | boolean,
    draft?: '4' | '7' | '2019-09' | '2020-12',
    shortCircuit?: boolean,
  ) => { validate(instance: unknown): { valid: boolean; errors: readonly OutputUnit[] } };
}

interface OutputUnit {
  instanceLocation: string;
  keyword: string;
  error: string;
}

type Validator = InstanceType<ValidatorModule['Validator']>;

/** Returned when the peer is not installed: the schema is not checked. */
export const NO_VALIDATOR: unique symbol = Symbol('no-validator');

// Not a string literal, and marked for the bundlers that read these comments: an app that does not
// install the optional peer must still build. Where it is installed, the runtime resolves it.
const PEER = '@cfworker/json-schema';
let loading: Promise<ValidatorModule | undefined> | undefined;
const validators = new WeakMap<object, Validator>();

/** Loads the peer once per process; undefined when it cannot be loaded. */
export function loadValidatorModule(
  load: () => Promise<unknown> = () => import(/* webpackIgnore: true */ /* @vite-ignore */ PEER),
): Promise<ValidatorModule | undefined> {
  loading ??= load().then(
    module =>
      typeof (module as Partial<ValidatorModule>).Validator === 'function' ? (module as ValidatorModule) : undefined,
    () => undefined,
  );
  return loading;
}

/**
 * The first way `value` fails `schema` (`'/items/0/price must be number'`),
 * undefined when it satisfies it, or {@link NO_VALIDATOR} when the peer is
 * not installed. A schema the validator cannot read passes: the check must
 * never turn a good answer into a failure by itself.
 */
export async function schemaIssue(schema: unknown, value: unknown): Promise<string | undefined | typeof NO_VALIDATOR> {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const module = await loadValidatorModule();
  if (module === undefined) return NO_VALIDATOR;
  let errors: readonly OutputUnit[];
  try {
    let validator = validators.get(schema);
    if (validator === undefined) {
      validator = new module.Validator(schema, draftOf(schema), true);
      validators.set(schema, validator);
    }
    const result = validator.validate(value);
    if (result.valid) return undefined;
    errors = result.errors;
  } catch {
    return undefined;
  }
  const deepest = errors.at(-1);
  return deepest === undefined ? 'does not match the schema' : describeUnit(deepest);
}

function draftOf(schema: { $schema?: unknown }): '4' | '7' | '2019-09' | '2020-12' {
  const uri = String(schema.$schema);
  return uri.includes('draft-04')
    ? '4'
    : /draft-0[67]/.test(uri)
      ? '7'
      : uri.includes('2019-09')
        ? '2019-09'
        : '2020-12';
}

/** One validator error in the words of a JSON pointer and what it must be. */
function describeUnit({ instanceLocation, keyword, error }: OutputUnit): string {
  const at = instanceLocation.replace(/^#/, '') || '/';
  if (keyword === 'type') {
    const expected = /Expected (.+?)\.?$/.exec(error)?.[1]?.replaceAll('"', '');
    if (expected !== undefined) return `${at} must be ${expected}`;
  }
  if (keyword === 'required') {
    const property = /property "(.+)"/.exec(error)?.[1];
    if (property !== undefined) return `${at === '/' ? '' : at}/${property} is required`;
  }
  return `${at}: ${error}`;
}
