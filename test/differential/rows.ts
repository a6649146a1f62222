import {
  apiError,
  errorPart,
  finish,
  generated,
  meta,
  noUsage,
  openText,
  start,
  text,
  toolInput,
  usage13,
  weatherCall,
} from './parts';
import type { Script } from './scripted-model';

/** A scripted model behaviour and the call options it is observed with. */
export interface Row extends Script {
  name: string;
  /** `execute`: streamText/generateText run the tool; `declared`: the tool has no `execute`. */
  tools?: 'execute' | 'declared';
  /** Observed with `output: Output.object({ schema })`, and by the `Output.object` consumer. */
  json?: boolean;
  /** Observed with `includeRawChunks: true`. */
  rawChunks?: boolean;
}

const cut = () => ({ fail: new TypeError('terminated') });
const cutError = new TypeError('terminated');
const providerMetadata = { mock: { requestId: 'req-1' } };

/** Scripted model behaviours: each is observed bare and through `withFallback([model])`. */
export const rows: Row[] = [
  {
    name: 'success text',
    stream: [start, meta, ...text('t1', 'Hello', ' world'), finish('stop', 'stop', usage13, providerMetadata)],
    generate: generated([{ type: 'text', text: 'Hello world' }]),
  },
  {
    name: 'success text without response-metadata',
    stream: [start, ...text('t1', 'Hello'), finish('stop', 'stop')],
  },
  {
    name: "error part before output ('boom' alone)",
    stream: [errorPart('boom')],
    generate: { rejects: 'boom' },
  },
  {
    name: 'error part before output (APICallError 503 after stream-start)',
    stream: [start, meta, errorPart(apiError(503))],
    generate: { rejects: apiError(503) },
  },
  {
    name: 'error part after output, then finish error with usage',
    stream: [
      start,
      meta,
      ...openText('t1', 'Hello'),
      errorPart(apiError(500)),
      finish('error', 'server_error', usage13, providerMetadata),
    ],
  },
  {
    name: 'error part after output, no finish',
    stream: [start, meta, ...openText('t1', 'Hello'), errorPart(apiError(500))],
  },
  {
    name: 'stream rejects before output',
    stream: [start, meta, cut()],
    generate: { rejects: cutError },
  },
  {
    name: 'stream rejects after output',
    stream: [start, meta, ...openText('t1', 'Hello'), cut()],
  },
  {
    name: 'doStream rejects (APICallError 503)',
    stream: { rejects: apiError(503) },
    generate: { rejects: apiError(503) },
  },
  {
    name: 'finish error with usage (13 tokens), no output',
    stream: [start, meta, finish('error', 'server_error', usage13)],
    generate: generated([], 'error', { raw: 'server_error' }),
  },
  {
    name: 'finish error without usage, no output',
    stream: [start, meta, finish('error', 'server_error', noUsage)],
    generate: generated([], 'error', { raw: 'server_error', usage: noUsage }),
  },
  {
    name: 'early close after stream-start and response-metadata',
    stream: [start, meta],
  },
  {
    name: 'early close after some text',
    stream: [start, meta, ...openText('t1', 'Hello')],
  },
  {
    name: 'empty stream (finish stop, nothing else)',
    stream: [start, meta, finish('stop', 'stop')],
    generate: generated([]),
  },
  {
    name: 'caller abort before first output',
    stream: [start, meta, { gate: 'before-output' }],
    generate: { gate: 'before-output' },
  },
  {
    name: 'caller abort after first output',
    stream: [start, meta, ...openText('t1', 'Hello'), { gate: 'after-output' }],
  },
  {
    name: 'tool call, tool executed',
    tools: 'execute',
    stream: [start, meta, ...toolInput, finish('tool-calls', 'tool_calls')],
    generate: generated([weatherCall], 'tool-calls', { raw: 'tool_calls' }),
  },
  {
    name: 'tool call, tool without execute',
    tools: 'declared',
    stream: [start, meta, ...toolInput, finish('tool-calls', 'tool_calls')],
    generate: generated([weatherCall], 'tool-calls', { raw: 'tool_calls' }),
  },
  {
    name: 'reasoning then text',
    stream: [
      start,
      meta,
      { type: 'reasoning-start', id: 'r1' },
      { type: 'reasoning-delta', id: 'r1', delta: 'Thinking' },
      { type: 'reasoning-end', id: 'r1', providerMetadata: { mock: { signature: 'sig' } } },
      ...text('t1', 'Hello'),
      finish('stop', 'stop'),
    ],
    generate: generated([
      { type: 'reasoning', text: 'Thinking', providerMetadata: { mock: { signature: 'sig' } } },
      { type: 'text', text: 'Hello' },
    ]),
  },
  {
    name: 'source then text',
    stream: [
      start,
      meta,
      { type: 'source', sourceType: 'url', id: 's1', url: 'https://example.com/a', title: 'A' },
      ...text('t1', 'Hello'),
      finish('stop', 'stop'),
    ],
    generate: generated([
      { type: 'source', sourceType: 'url', id: 's1', url: 'https://example.com/a', title: 'A' },
      { type: 'text', text: 'Hello' },
    ]),
  },
  {
    name: 'file then text',
    stream: [
      start,
      meta,
      { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBORw0KGgo=' } },
      ...text('t1', 'Hello'),
      finish('stop', 'stop'),
    ],
    generate: generated([
      { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'iVBORw0KGgo=' } },
      { type: 'text', text: 'Hello' },
    ]),
  },
  {
    name: 'raw chunks (includeRawChunks)',
    rawChunks: true,
    stream: [
      start,
      { type: 'raw', rawValue: { id: 'chunk-1' } },
      meta,
      ...text('t1', 'Hello'),
      { type: 'raw', rawValue: { id: 'chunk-2', usage: 13 } },
      finish('stop', 'stop'),
    ],
  },
  {
    name: 'json object',
    json: true,
    stream: [start, meta, ...text('t1', '{"city":', '"Paris"}'), finish('stop', 'stop')],
    generate: generated([{ type: 'text', text: '{"city":"Paris"}' }]),
  },
  {
    name: 'json object not matching the schema',
    json: true,
    stream: [start, meta, ...text('t1', '{"town":', '"Paris"}'), finish('stop', 'stop')],
    generate: generated([{ type: 'text', text: '{"town":"Paris"}' }]),
  },
  {
    name: 'json object, error part after partial output',
    json: true,
    stream: [
      start,
      meta,
      ...openText('t1', '{"city":'),
      errorPart(apiError(500)),
      finish('error', 'server_error', usage13, providerMetadata),
    ],
  },
];
