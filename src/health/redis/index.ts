import { FallbackConfigError } from '../../errors/fallback-config-error';
import type { HealthStore } from '../health-store';

/** The part of a node-redis client (`createClient` from `redis` v4 and later) this store uses. */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** The part of an `ioredis` client this store uses. */
export interface IoRedisClientLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** Options of {@link redisHealthStore}. */
export interface RedisHealthStoreOptions {
  /** Put before every key, to share one Redis between apps or environments. Default `'ai-sdk-fallback:health:'`. */
  prefix?: string;
  /**
   * How long a process reuses what it read before asking Redis again: the
   * longest it takes to see another process open a circuit. Default 1000.
   */
  cacheMs?: number;
}

// INCR and PEXPIRE in one script: concurrent increments from many processes all count, and the key never lives without a TTL.
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n`;

/**
 * A {@link HealthStore} in Redis, so every process of an app (every
 * serverless instance) shares one view of which models are failing. Works
 * with a node-redis client (`createClient()` from `redis`, connected) and an
 * `ioredis` client. Counting is atomic (a Lua script); the probe lease is
 * `SET NX`. Keys expire on their own.
 *
 * The breaker guards every operation: when Redis is down or slow, calls go
 * on with this process's memory and one warning, and sharing resumes when it
 * answers again. Give a node-redis client an `error` listener, as node-redis
 * requires, or a lost connection crashes the process.
 *
 * Node.js only: the Redis clients speak TCP, which the Edge runtime does not
 * offer. Routes that share health through Redis run on the Node.js runtime.
 *
 * @example
 * // lib/health.ts: one client and one store per process, shared by all routes
 * import { createClient } from 'redis';
 * import { redisHealthStore } from 'ai-sdk-fallback/redis';
 * const client = createClient({ url: process.env.REDIS_URL });
 * client.on('error', () => {});
 * await client.connect();
 * export const healthStore = redisHealthStore(client, { prefix: 'my-app:health:' });
 */
export function redisHealthStore(
  client: NodeRedisClientLike | IoRedisClientLike,
  { prefix = 'ai-sdk-fallback:health:', cacheMs = 1_000 }: RedisHealthStoreOptions = {},
): HealthStore {
  const send = commandSender(client);
  if (typeof prefix !== 'string') invalid('options.prefix', 'expected a string');
  if (typeof cacheMs !== 'number' || !Number.isFinite(cacheMs) || cacheMs < 0) {
    const finite = typeof cacheMs === 'number' && !Number.isFinite(cacheMs) ? 'finite ' : '';
    invalid('options.cacheMs', `expected a ${finite}number of milliseconds >= 0`);
  }
  const key = (name: string) => prefix + name;
  const ttl = (ms: number) => String(Math.max(1, Math.ceil(ms)));

  return {
    cacheMs,
    async get(keys) {
      if (keys.length === 0) return [];
      const values = await send(['MGET', ...keys.map(key)]);
      if (!Array.isArray(values)) throw new TypeError(`MGET answered ${typeof values}, expected an array`);
      return values.map(text);
    },
    async set(name, value, ttlMs, options) {
      const args = ['SET', key(name), value, 'PX', ttl(ttlMs)];
      if (options?.ifAbsent) args.push('NX');
      const reply = text(await send(args));
      return reply === 'OK';
    },
    async increment(name, ttlMs) {
      return Number(await send(['EVAL', INCREMENT, '1', key(name), ttl(ttlMs)]));
    },
    async delete(keys) {
      if (keys.length > 0) await send(['DEL', ...keys.map(key)]);
    },
  };
}

function commandSender(client: unknown): (args: string[]) => Promise<unknown> {
  const candidate = client as Partial<IoRedisClientLike & NodeRedisClientLike> | null;
  // ioredis also has a `sendCommand`, of its own Command objects: look for its `call` first.
  if (typeof candidate?.call === 'function') {
    const ioredis = candidate as IoRedisClientLike;
    return ([command, ...args]) => ioredis.call(command!, ...args);
  }
  if (typeof candidate?.sendCommand === 'function') {
    const nodeRedis = candidate as NodeRedisClientLike;
    return args => nodeRedis.sendCommand(args);
  }
  invalid('client', 'expected a node-redis client (createClient from redis) or an ioredis client');
}

/** Bad options fail like every other construction error of the package. */
function invalid(path: string, message: string): never {
  throw new FallbackConfigError(`redisHealthStore: ${path}: ${message}`, { issues: [{ path, message }] });
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}
