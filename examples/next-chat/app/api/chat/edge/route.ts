import { createChatHandler } from '../../../../lib/chat-handler';

// The same chain and handler on the Edge runtime: no Node built-ins, Web streams and `fetch` only.
export const runtime = 'edge';

export const POST = createChatHandler();
