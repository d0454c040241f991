// Redis, where the queue lives: a URL as redis-cli takes it (redis://[user:password@]host[:port][/db]).
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { UsageError } from '../util/errors.js';

export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--redis: not a URL: ${url} (e.g. redis://localhost:6379)`);
  }
  if (u.protocol !== 'redis:') throw new UsageError(`--redis: a redis:// URL, not ${u.protocol}`);
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db ? Number(db) : 0,
    // BullMQ's workers block on Redis and must retry for as long as it is away (a restart), not give up.
    maxRetriesPerRequest: null,
  };
}

/**
 * Fails fast, with one line, when Redis is not there: a command that adds or reads jobs should not wait forever,
 * as a worker (which keeps retrying until Redis is back) does.
 */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => null });
  let cause: Error | undefined;
  client.on('error', (err: Error) => (cause ??= err));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const e = (cause ?? err) as NodeJS.ErrnoException;
    throw new Error(`cannot reach Redis at ${url} (${e.code ?? e.message}): is redis-server running?`);
  } finally {
    client.disconnect();
  }
}
