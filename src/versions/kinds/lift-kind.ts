import type { KindVersion } from './kind-spec';

/**
 * A V2 model as a V3 one, as AI SDK 6 runs V2 embedding and image models:
 * the same object answering `'v3'` for its version (their calls did not change).
 */
export function asV3<MODEL extends object>(model: MODEL): MODEL {
  return new Proxy(model, {
    get: (target, property) => (property === 'specificationVersion' ? 'v3' : Reflect.get(target, property, target)),
  });
}

/**
 * The model of `version` a chain of `target` needs: unchanged, V2 lifted to
 * V3 here, V2/V3 lifted to V4 by `toV4` (the AI SDK 7 function that defines
 * how it runs older models of this kind).
 */
export function liftTo<MODEL extends { readonly specificationVersion: string }>(
  model: MODEL,
  target: KindVersion,
  toV4: (model: MODEL) => MODEL,
): MODEL {
  const version = model.specificationVersion;
  if (version === target) return model;
  const v3 = version === 'v2' ? asV3(model) : model;
  if (target === 'v3') return v3;
  const lifted = toV4(v3);
  if (lifted.specificationVersion === 'v4') return lifted;
  throw new TypeError(
    `lifting a '${version}' model to V4 needs ai@7, but the installed 'ai' returned a '${lifted.specificationVersion}' model`,
  );
}
