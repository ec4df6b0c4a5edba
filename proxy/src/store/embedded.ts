import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { KeyValueStore } from './types';

/**
 * The default store: one SQLite file (Node's built-in `node:sqlite`) under the
 * data directory. It needs no server, survives restarts, and WAL mode lets a CLI
 * sync and the server share the file on one machine. Expired keys are dropped
 * lazily on read and swept every minute.
 */
export function createEmbeddedStore(options: { dataDir: string; fileName?: string }): KeyValueStore {
  const file = options.dataDir === ':memory:' ? ':memory:' : path.join(options.dataDir, options.fileName ?? 'aisle.sqlite');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const db = new DatabaseSync(file);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA busy_timeout = 5000;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS kv (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      expires_at INTEGER
    ) WITHOUT ROWID;
    -- The once-a-minute sweep deletes by expiry: without this it scans the whole table.
    CREATE INDEX IF NOT EXISTS kv_expires_at ON kv (expires_at) WHERE expires_at IS NOT NULL;
    -- Sorted sets (daily counters by member); every row of a set carries the set's expiry.
    CREATE TABLE IF NOT EXISTS zset (
      key TEXT NOT NULL,
      member TEXT NOT NULL,
      score REAL NOT NULL,
      expires_at INTEGER,
      PRIMARY KEY (key, member)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS zset_expires_at ON zset (expires_at) WHERE expires_at IS NOT NULL;
  `);

  const live = '(expires_at IS NULL OR expires_at > ?)';
  const statements: Record<string, StatementSync> = {
    get: db.prepare(`SELECT value FROM kv WHERE key = ? AND ${live}`),
    upsert: db.prepare(
      'INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    ),
    insertIfAbsent: db.prepare(
      `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
       WHERE kv.expires_at IS NOT NULL AND kv.expires_at <= ?`,
    ),
    deleteIfEquals: db.prepare(`DELETE FROM kv WHERE key = ? AND value = ? AND ${live}`),
    del: db.prepare('DELETE FROM kv WHERE key = ?'),
    ttl: db.prepare(`SELECT expires_at FROM kv WHERE key = ? AND ${live}`),
    keys: db.prepare(`SELECT key FROM kv WHERE key >= ? AND key < ? AND ${live}`),
    sweep: db.prepare('DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    zsweep: db.prepare('DELETE FROM zset WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    zdelExpired: db.prepare('DELETE FROM zset WHERE key = ? AND expires_at IS NOT NULL AND expires_at <= ?'),
    zexpiry: db.prepare('SELECT expires_at FROM zset WHERE key = ? LIMIT 1'),
    zincr: db.prepare(
      'INSERT INTO zset (key, member, score, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT(key, member) DO UPDATE SET score = score + excluded.score',
    ),
    zcount: db.prepare('SELECT COUNT(*) AS n FROM zset WHERE key = ?'),
    ztrim: db.prepare(
      'DELETE FROM zset WHERE key = ? AND member NOT IN (SELECT member FROM zset WHERE key = ? ORDER BY score DESC, member DESC LIMIT ?)',
    ),
    ztop: db.prepare(`SELECT member, score FROM zset WHERE key = ? AND ${live} ORDER BY score DESC, member DESC LIMIT ?`),
    zdel: db.prepare('DELETE FROM zset WHERE key = ?'),
    zttl: db.prepare(`SELECT expires_at FROM zset WHERE key = ? AND ${live} LIMIT 1`),
    zkeys: db.prepare(`SELECT DISTINCT key FROM zset WHERE key >= ? AND key < ? AND ${live}`),
    expiresOf: db.prepare('SELECT value, expires_at FROM kv WHERE key = ?'),
  } as Record<string, StatementSync>;
  const s = (name: string): StatementSync => statements[name]!;

  const sweeper = setInterval(() => {
    const now = Date.now();
    s('sweep').run(now);
    s('zsweep').run(now);
  }, 60_000);
  sweeper.unref();
  let closed = false;

  return {
    kind: 'embedded',
    async get(key) {
      const row = s('get').get(key, Date.now()) as { value: string } | undefined;
      return row ? row.value : null;
    },
    async set(key, value, opts) {
      s('upsert').run(key, value, opts?.ttlMs ? Date.now() + opts.ttlMs : null);
    },
    async setIfAbsent(key, value, ttlMs) {
      const now = Date.now();
      const result = s('insertIfAbsent').run(key, value, now + ttlMs, now);
      return Number(result.changes) > 0;
    },
    async deleteIfEquals(key, expected) {
      return Number(s('deleteIfEquals').run(key, expected, Date.now()).changes) > 0;
    },
    async del(key) {
      s('del').run(key);
      s('zdel').run(key);
    },
    async incrBy(key, by, ttlMs) {
      // One transaction so concurrent processes on the same file never lose an increment.
      db.exec('BEGIN IMMEDIATE');
      try {
        const now = Date.now();
        const row = s('expiresOf').get(key) as { value: string; expires_at: number | null } | undefined;
        const alive = row && (row.expires_at === null || row.expires_at > now);
        const next = (alive ? Number(row.value) || 0 : 0) + by;
        const expiresAt = alive ? row.expires_at : ttlMs ? now + ttlMs : null;
        s('upsert').run(key, String(next), expiresAt);
        db.exec('COMMIT');
        return next;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async zIncrBy(key, increments, opts) {
      const pairs = Object.entries(increments).filter(([, by]) => by !== 0);
      if (pairs.length === 0) return;
      db.exec('BEGIN IMMEDIATE');
      try {
        const now = Date.now();
        // An expired set starts over, with a fresh expiry; a live one keeps its own.
        s('zdelExpired').run(key, now);
        const row = s('zexpiry').get(key) as { expires_at: number | null } | undefined;
        const expiresAt = row ? row.expires_at : opts?.ttlMs ? now + opts.ttlMs : null;
        for (const [member, by] of pairs) s('zincr').run(key, member, by, expiresAt);
        const keep = opts?.keep ?? 0;
        if (keep > 0 && (s('zcount').get(key) as { n: number }).n > 2 * keep) s('ztrim').run(key, key, keep);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    async zTop(key, limit) {
      const rows = s('ztop').all(key, Date.now(), limit ?? -1) as Array<{ member: string; score: number }>;
      return rows.map((r) => ({ member: r.member, score: r.score }));
    },
    async ttl(key) {
      const row = (s('ttl').get(key, Date.now()) ?? s('zttl').get(key, Date.now())) as { expires_at: number | null } | undefined;
      if (!row || row.expires_at === null) return null;
      return Math.max(0, row.expires_at - Date.now());
    },
    async keys(prefix) {
      // Range scan: every key that starts with prefix sorts between prefix and prefix + U+FFFF.
      const now = Date.now();
      const rows = [
        ...(s('keys').all(prefix, `${prefix}\uffff`, now) as Array<{ key: string }>),
        ...(s('zkeys').all(prefix, `${prefix}\uffff`, now) as Array<{ key: string }>),
      ];
      return rows.map((r) => r.key);
    },
    async ping() {
      return !closed;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      db.close();
    },
  };
}
