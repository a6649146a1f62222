/**
 * `npm run example -- <name>` runs `examples/<name>.ts`; `npm run example -- --list` lists them.
 * Every example starts its own fake provider on 127.0.0.1: no keys, no network.
 */

/** The runnable examples and what each shows (docs/examples.md lists the same). */
export const EXAMPLES = {
  basic: 'generateText with one fallback: OpenAI is overloaded, retried once, then OpenRouter answers',
  streaming:
    'streamText and the commit point: a failure before the first token falls back, one after it ends the stream',
  'three-providers': 'OpenAI -> OpenRouter -> Azure, with catchErrors per entry',
  'custom-error-mapper': 'classifyError turns a 404 model_not_found into a fallback',
  'per-model-settings': 'per-entry settings (temperature, maxOutputTokens, headers) and what each model was sent',
  'fallback-metadata': 'reading providerMetadata.fallback: who answered, after how many attempts, what was caught',
  'exhausted-error': 'catching FallbackExhaustedError when every model fails',
} as const satisfies Record<string, string>;

export type ExampleName = keyof typeof EXAMPLES;

function isExample(name: string): name is ExampleName {
  return Object.hasOwn(EXAMPLES, name);
}

function list(): string {
  const width = Math.max(...Object.keys(EXAMPLES).map(name => name.length));
  return Object.entries(EXAMPLES)
    .map(([name, description]) => `  ${name.padEnd(width)}  ${description}`)
    .join('\n');
}

const [name] = process.argv.slice(2);
if (name === undefined || name === '--list' || name === '-l') {
  console.log(`usage: npm run example -- <name>\n\n${list()}`);
} else if (!isExample(name)) {
  console.error(`unknown example '${name}'; expected one of:\n${list()}`);
  process.exitCode = 2;
} else {
  // Each example is a script: importing it runs it.
  await import(`./${name}.ts`);
}
