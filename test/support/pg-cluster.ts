/**
 * A throwaway PostgreSQL cluster that a test may crash (`pg_ctl stop -m immediate`) and restart:
 * initdb into a temporary directory, on a free port, with fsync and synchronous_commit on. The shared
 * server on 5432 is never touched. Run as the `postgres` OS user when the tests run as root
 * (PostgreSQL refuses to run as root). `startStandby` clones a running cluster into a streaming
 * standby (`pg_basebackup -R`) that a test may promote.
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
  port: number;
  /** Crashes the server: no shutdown checkpoint, clients cut (as a power loss of the process). */
  crash(): Promise<void>;
  /** Starts the server again (crash recovery replays the WAL); resolves when it accepts connections. */
  start(): Promise<void>;
  /** A standby: ends recovery and takes writes (`pg_ctl promote`); resolves once it does. */
  promote(): Promise<void>;
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

/** A new data directory's parent, owned by the `postgres` OS user when the tests run as root, and how to run the binaries. */
const prepare = async (bin: string) => {
  const asRoot = process.getuid?.() === 0;
  const exec = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { timeout: 60_000 }) : run(join(bin, command), args, { timeout: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-pgcluster-'));
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  return { exec, dir, data: join(dir, 'data'), port: await freePort() };
};

/** Starts the server of `data` with `settings` (`name=value`, each a `-c`), and the cluster's controls. */
const serve = async (prepared: Awaited<ReturnType<typeof prepare>>, settings: readonly string[]): Promise<PgCluster> => {
  const { exec, dir, data, port } = prepared;
  const logFile = join(dir, 'server.log');
  const base = ['listen_addresses=127.0.0.1', 'fsync=on', 'synchronous_commit=on', 'max_connections=60', 'shared_buffers=32MB'];
  const options = ['-p', String(port), '-k', dir, ...[...base, ...settings].flatMap((setting) => ['-c', setting])].join(' ');
  const start = async () => void (await exec('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']));
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    crash: async () => void (await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])),
    start,
    promote: async () => void (await exec('pg_ctl', ['-D', data, '-w', '-t', '60', 'promote'])),
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

export const startCluster = async (bin: string, settings: readonly string[] = []): Promise<PgCluster> => {
  const prepared = await prepare(bin);
  // --no-sync only skips initdb's own flush of the new files; the server runs with fsync on.
  await prepared.exec('initdb', ['-D', prepared.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  return serve(prepared, settings);
};

/**
 * A streaming standby of the cluster that listens on `source` (its own port, or a proxy in front of
 * it), named `name` (its `cluster_name`, which is the `application_name` the primary sees, for
 * `synchronous_standby_names`). Replication connects with sslmode=disable, as the test clusters
 * run without SSL.
 */
export const startStandby = async (bin: string, source: { host: string; port: number }, name: string): Promise<PgCluster> => {
  const prepared = await prepare(bin);
  const conninfo = `host=${source.host} port=${source.port} user=postgres sslmode=disable`;
  await prepared.exec('pg_basebackup', ['-D', prepared.data, '-d', conninfo, '-R', '-X', 'stream', '--no-sync']);
  return serve(prepared, [`cluster_name=${name}`, 'hot_standby=on']);
};
