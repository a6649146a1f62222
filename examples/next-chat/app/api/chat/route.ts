import { createChatHandler } from '../../../lib/chat-handler';

// The Node.js runtime (Next's default for route handlers).
export const POST = createChatHandler();
