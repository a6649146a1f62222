import { generateText, streamText } from 'ai';
import { callsTo, generateOptions, type Observation, record, streamOptions } from './call-options';
import { normalize, settle } from './normalize';
import type { Row } from './rows';

/** One way an application reads a call's outcome: a column of the differential table. */
export interface Consumer {
  name: string;
  /** Rows this consumer has a form for (default: every row). */
  applies?: (row: Row) => boolean;
  observe: (observation: Observation) => Promise<unknown>;
}

/** Reads `stream` to its end; a stream that errors ends the list with what it threw. */
async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  try {
    for await (const item of stream) items.push(normalize(item));
  } catch (error) {
    items.push({ thrown: normalize(error) });
  }
  return items;
}

/** The text a UI shows for an error (the default hides it; showing it makes differences visible). */
function errorText(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message}` : JSON.stringify(error);
}

async function generateResult(observation: Observation, telemetry = false) {
  try {
    const result = await generateText(generateOptions(observation, { telemetry }));
    return {
      resolved: normalize({
        text: result.text,
        content: result.content,
        finishReason: result.finishReason,
        rawFinishReason: result.rawFinishReason,
        usage: result.usage,
        totalUsage: result.totalUsage,
        response: result.response,
        providerMetadata: result.providerMetadata,
        warnings: result.warnings,
        steps: result.steps,
      }),
    };
  } catch (error) {
    return { rejected: normalize(error) };
  }
}

const hasGenerate = (row: Row) => row.generate !== undefined;

/** The consumers every row is observed with. */
export const consumers: Consumer[] = [
  { name: 'generateText result', applies: hasGenerate, observe: observation => generateResult(observation) },
  {
    name: 'streamText fullStream parts',
    observe: observation => collect(streamText(streamOptions(observation)).fullStream),
  },
  { name: 'streamText text', observe: observation => settle(streamText(streamOptions(observation)).text) },
  {
    name: 'streamText finishReason and rawFinishReason',
    observe: async observation => {
      const result = streamText(streamOptions(observation));
      return { finishReason: await settle(result.finishReason), rawFinishReason: await settle(result.rawFinishReason) };
    },
  },
  {
    name: 'streamText totalUsage',
    observe: observation => settle(streamText(streamOptions(observation)).totalUsage),
  },
  {
    name: 'streamText steps, response and providerMetadata',
    observe: async observation => {
      const result = streamText(streamOptions(observation));
      return {
        steps: await settle(result.steps),
        response: await settle(result.response),
        // Under its own key, so that normalize removes the `fallback` entry of it.
        providerMetadata: await settle(result.providerMetadata.then(providerMetadata => ({ providerMetadata }))),
      };
    },
  },
  {
    name: 'streamText onEnd (onFinish) arguments',
    observe: async observation => {
      await streamText(streamOptions(observation)).consumeStream();
      return callsTo(observation, 'onEnd');
    },
  },
  {
    name: 'streamText onError calls',
    observe: async observation => {
      await streamText(streamOptions(observation)).consumeStream();
      return callsTo(observation, 'onError');
    },
  },
  {
    name: 'streamText onAbort calls',
    observe: async observation => {
      await streamText(streamOptions(observation)).consumeStream();
      return callsTo(observation, 'onAbort');
    },
  },
  {
    name: 'toUIMessageStream chunks and onFinish',
    observe: async observation => {
      const ui = streamText(streamOptions(observation)).toUIMessageStream({
        generateMessageId: () => 'msg-1',
        sendSources: true,
        onError: errorText,
        messageMetadata: ({ part }) =>
          part.type === 'finish-step'
            ? { usage: part.usage, providerMetadata: part.providerMetadata }
            : part.type === 'finish'
              ? { totalUsage: part.totalUsage, finishReason: part.finishReason }
              : undefined,
        onFinish: record(observation, 'ui.onFinish'),
      });
      return { chunks: await collect(ui), onFinish: callsTo(observation, 'ui.onFinish') };
    },
  },
  {
    name: 'consumeStream({ onError })',
    observe: async observation => {
      const outcome = await settle(
        streamText(streamOptions(observation)).consumeStream({ onError: record(observation, 'consumeStream.onError') }),
      );
      return { outcome, onError: callsTo(observation, 'consumeStream.onError') };
    },
  },
  {
    name: 'telemetry integration callbacks (streamText)',
    observe: async observation => {
      await streamText(streamOptions(observation, { telemetry: true })).consumeStream();
      return observation.calls.filter(call => call.name.startsWith('telemetry.'));
    },
  },
  {
    name: 'telemetry integration callbacks (generateText)',
    applies: hasGenerate,
    observe: async observation => {
      await generateResult(observation, true);
      return observation.calls.filter(call => call.name.startsWith('telemetry.'));
    },
  },
  {
    name: 'Output.object (generateText output)',
    applies: row => row.json === true && hasGenerate(row),
    observe: async observation => {
      const outcome = await settle(generateText(generateOptions(observation)).then(result => result.output as unknown));
      return outcome;
    },
  },
  {
    name: 'Output.object (streamText partialOutputStream and output)',
    applies: row => row.json === true,
    observe: async observation => {
      const result = streamText(streamOptions(observation));
      const partials = await collect(result.partialOutputStream);
      return { partials, output: await settle(result.output) };
    },
  },
];
