/**
 * A throwaway PostgreSQL cluster that a test may crash (`pg_ctl stop -m immediate`) and restart:
 * initdb into a temporary directory, on a free port, with fsync and synchronous_commit on. The shared
 * server on 5432 is never touched. Run as the `postgres` OS user when the tests run as root
 * (PostgreSQL refuses to run as root).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server.js';

const run = promisify(execFile);

export interface PgCluster {
  /** A URL of the cluster's `postgres` database (user postgres, trust). */
  url: string;
  /** Crashes the server: no shutdown checkpoint, clients cut (as a power loss of the process). */
  crash(): Promise<void>;
  /** Starts the server again (crash recovery replays the WAL); resolves when it accepts connections. */
  start(): Promise<void>;
  destroy(): Promise<void>;
  /** The server's log, for failure messages. */
  log(): Promise<string>;
}

/** The directory of `initdb` and `pg_ctl` (newest major version), or undefined when not installed. */
export const postgresBinaries = (): string | undefined => {
  const configured = process.env.STOCKROOM_TEST_PG_BIN;
  if (configured) return existsSync(join(configured, 'pg_ctl')) ? configured : undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((version) => existsSync(join(base, version, 'bin', 'pg_ctl')) && existsSync(join(base, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(base, versions[0], 'bin');
};

export const startCluster = async (bin: string): Promise<PgCluster> => {
  const asRoot = process.getuid?.() === 0;
  const exec = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { timeout: 60_000 }) : run(join(bin, command), args, { timeout: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-pgcluster-'));
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = await freePort();
  // --no-sync only skips initdb's own flush of the new files; the server runs with fsync on.
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=60', '-c', 'shared_buffers=32MB'].join(' ');
  const start = async () => void (await exec('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']));
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: async () => void (await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])),
    start,
    async destroy() {
      try {
        await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true });
    },
    async log() {
      try {
        return (await run('tail', ['-n', '50', logFile])).stdout;
      } catch {
        return '';
      }
    },
  };
};
