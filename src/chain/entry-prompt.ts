import type { FallbackPrompt } from '../types';
import type { BaseCallOptions } from '../versions/adapter';
import { DEFAULTS } from './defaults';
import { entryRef } from './failure';
import type { Adapter } from './generate';
import type { ResolvedEntry } from './options';

/**
 * The call's options with the prompt prepared for `entry` (docs/conversations.md):
 * by default, parts another entry produced lose their provider references;
 * `preparePrompt: false` sends the prompt as it is; a hook decides itself.
 * The same options object when nothing changed, so an untagged history costs
 * one scan of its assistant parts and no copy.
 */
export function promptFor<OPTIONS extends BaseCallOptions>(
  adapter: Pick<Adapter<OPTIONS, never, unknown, never>, 'preparePrompt' | 'producersOf'>,
  entry: ResolvedEntry,
  params: OPTIONS,
): OPTIONS {
  const setting = entry.preparePrompt ?? DEFAULTS.preparePrompt;
  if (setting === false) return params;
  const prompt =
    setting === true
      ? adapter.preparePrompt(params.prompt, entry.id)
      : setting(params.prompt as FallbackPrompt, {
          from: adapter.producersOf(params.prompt),
          to: entryRef(entry),
          prepare: <PROMPT>(prompt: PROMPT): PROMPT =>
            adapter.preparePrompt(prompt as OPTIONS['prompt'], entry.id) as PROMPT,
        });
  return prompt === params.prompt ? params : { ...params, prompt };
}
