import type { BaseCallOptions } from './adapter';

/**
 * The options with `text` as a trailing assistant message, which the next
 * model continues (`midStream: 'continue'`). The message shape is the same in
 * every spec version.
 */
export function prefillText<OPTIONS extends BaseCallOptions>(options: OPTIONS, text: string): OPTIONS {
  return { ...options, prompt: [...options.prompt, { role: 'assistant', content: [{ type: 'text', text }] }] };
}
