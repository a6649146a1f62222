import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { childEnv, type RunningChild, startNode, tail } from './child-process';
import { freePort } from './free-port';

/** The example app, built and started from the repository root with the root's node_modules. */
export const NEXT_CHAT_DIR = fileURLToPath(new URL('../../examples/next-chat', import.meta.url));
const require = createRequire(import.meta.url);
export const NEXT_BIN = require.resolve('next/dist/bin/next');
export const TSX_CLI = require.resolve('tsx/cli');

/** `next build examples/next-chat` (production build, type-checked), into the app's git-ignored `.next`. */
export async function buildNextChat(timeoutMs: number): Promise<void> {
  const build = startNode([NEXT_BIN, 'build', NEXT_CHAT_DIR], childEnv());
  const timer = setTimeout(() => build.child.kill('SIGKILL'), timeoutMs);
  const code = await build.exited;
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`next build failed (exit ${code ?? `killed after ${timeoutMs} ms`}):\n${tail(build.output())}`);
  }
}

/** A started app: its URL and how to stop it. */
export interface NextServer {
  url: string;
  process: RunningChild;
}

/** `next start` on a free port of 127.0.0.1, with `env` added to its environment. */
export async function startNextChat(env: Record<string, string>, timeoutMs: number): Promise<NextServer> {
  const port = await freePort();
  const server = startNode(
    [NEXT_BIN, 'start', NEXT_CHAT_DIR, '--hostname', '127.0.0.1', '--port', String(port)],
    childEnv(env),
  );
  try {
    await server.waitForOutput('Ready', timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, process: server };
}
