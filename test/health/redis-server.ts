import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real `redis-server` on 127.0.0.1, private to one test file. */
export interface RedisServer {
  port: number;
  url: string;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing answers, as a stalled server would. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT); it answers what was sent meanwhile. */
  resume(): void;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

const MISSING =
  'redis-server is not installed: the Redis health store tests run against a real redis-server on 127.0.0.1. ' +
  'Install it (Debian/Ubuntu: apt-get install -y redis-server; .ci/run does this) and run the tests again.';

/** Starts `redis-server` on a free port with a temporary directory; ready when it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) throw new Error(MISSING);

  const dir = await mkdtemp(join(tmpdir(), 'ai-sdk-fallback-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;

  const launch = async () => {
    const started = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    started.stderr!.on('data', chunk => (stderr += String(chunk)));
    const exited = new Promise<void>(resolve => started.once('exit', () => resolve()));
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(`redis-server exited on port ${port}: ${stderr.trim()}`);
      }
      if (Date.now() > deadline) {
        started.kill('SIGKILL');
        await exited;
        throw new Error(`redis-server did not answer PING on port ${port} within 10 s`);
      }
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  };

  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>(resolve => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };

  const signal = (name: 'SIGSTOP' | 'SIGCONT') => {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server is not running: cannot send ${name}`);
    }
    child.kill(name);
  };

  // Another process may take the free port between asking for it and binding it: try a few.
  for (let tries = 0; ; tries++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      await kill();
      if (tries >= 2) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async close() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True when something on `port` answers PING with PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', chunk => {
      reply += String(chunk);
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
