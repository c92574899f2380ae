/**
 * The server's SQLite store copies its WAL back into the database file on a thread of its own
 * (ADR 0044), not inside the commits of its event loop: the log is still copied, starts over once
 * it has been, and the store closes with nothing left in it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointerDefaults } from '../src/storage/dialects/sqlite-checkpointer.js';
import { openSqlite } from '../src/storage/dialects/sqlite.js';

const rowBytes = 4_000;
const rowsPerRound = 2_000;
/** A page of 4,096 bytes and its frame header: one row per frame, as each row fills a page. */
const frameBytes = 4_096 + 24;

/** Resolves once `condition` holds, checking every 20 ms; fails after `ms`. */
const until = async (condition: () => boolean, ms: number, what: string): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * The frames in the WAL and those copied into the database file, from the WAL index's header
 * (https://www.sqlite.org/walformat.html: `mxFrame` at byte 16, `nBackfill` at byte 96, native order).
 */
const walIndex = (file: string): { frames: number; copied: number } => {
  const header = readFileSync(`${file}-shm`).subarray(0, 136);
  const read = (offset: number) => (endianness() === 'LE' ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
  return { frames: read(16), copied: read(96) };
};

describe('WAL checkpoints on their own thread (SQLite)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const fileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-checkpoints-'));
    dirs.push(dir);
    return join(dir, 'stockroom.db');
  };

  it('copies what the writer commits into the database file, starts the log over, and leaves no log on close', async () => {
    const file = fileIn();
    const handles = openSqlite(file, { backgroundCheckpoints: true });
    // The writer's own automatic checkpoint is only a backstop, far above what this test writes.
    expect(handles.writerDb.pragma('wal_autocheckpoint', { simple: true })).toBe(checkpointerDefaults.backstopPages);
    expect(rowsPerRound * 2).toBeLessThan(checkpointerDefaults.backstopPages);
    handles.writerDb.exec('create table t (id integer primary key, pad blob not null)');
    const insert = handles.writerDb.prepare('insert into t (pad) values (zeroblob(?))');
    const round = handles.writerDb.transaction(() => {
      for (let i = 0; i < rowsPerRound; i++) insert.run(rowBytes);
    });
    const rounds = 5;
    let walMax = 0;
    for (let r = 1; r <= rounds; r++) {
      round();
      walMax = Math.max(walMax, statSync(`${file}-wal`).size);
      // The thread copies every frame, with nothing but the writer's commits to prompt it.
      await until(() => walIndex(file).copied === walIndex(file).frames, 10_000, `round ${r} is copied`);
      // Only a checkpoint writes the database file.
      expect(statSync(file).size).toBeGreaterThanOrEqual(r * rowsPerRound * rowBytes);
    }
    // The log started over once each round was copied, instead of growing by a round each time.
    expect(walMax).toBeGreaterThanOrEqual(rowsPerRound * frameBytes);
    expect(walMax).toBeLessThan(1.5 * rowsPerRound * frameBytes);
    await handles.close();
    // The thread's connection closed first, so the writer's was the last and removed the log.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new Database(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from t').get()).toEqual({ n: rounds * rowsPerRound });
    reopened.close();
  });

  it('is off unless asked for: the writer checkpoints as SQLite does by default', async () => {
    const handles = openSqlite(fileIn());
    expect(handles.writerDb.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await handles.close();
  });
});
