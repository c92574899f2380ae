/**
 * `npm run torture`: the reliability suites, long. Builds, runs test/reliability.crash.test.ts with
 * many SIGKILLs per store and a longer load, and test/reliability.backup.test.ts with several backups
 * under load, then prints a markdown table and writes it to docs/reliability.md under "Latest run".
 *
 *   npm run torture -- [--kills 20] [--load-ms 2500] [--backups 5] [--no-write]
 *
 * Exit code: vitest's (non-zero when any invariant broke or any acknowledged write was lost).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ReliabilityRow } from '../test/support/reliability.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docPath = join(root, 'docs', 'reliability.md');

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    'load-ms': { type: 'string', default: '2500' },
    backups: { type: 'string', default: '5' },
    'no-write': { type: 'boolean', default: false },
  },
});

const whole = (name: string, raw: string, min: number): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got ${raw}`);
  return value;
};
const kills = whole('kills', values.kills, 1);
const loadMs = whole('load-ms', values['load-ms'], 100);
const backups = whole('backups', values.backups, 1);

const git = (...args: string[]): string => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('torture: the build failed');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'stockroom-torture-'));
const reportFile = join(dir, 'rows.jsonl');
const started = Date.now();
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--fileParallelism=false', 'test/reliability.crash.test.ts', 'test/reliability.backup.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      STOCKROOM_TORTURE_KILLS: String(kills),
      STOCKROOM_TORTURE_LOAD_MS: String(loadMs),
      STOCKROOM_TORTURE_BACKUPS: String(backups),
      STOCKROOM_RELIABILITY_REPORT: reportFile,
    },
  },
);
const elapsedS = Math.round((Date.now() - started) / 1000);
const rows: ReliabilityRow[] = existsSync(reportFile)
  ? readFileSync(reportFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as ReliabilityRow)
  : [];
rmSync(dir, { recursive: true, force: true });

const passed = vitest.status === 0;
const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
const dirty = git('status', '--porcelain').length > 0;
const date = new Date().toISOString().slice(0, 10);

const table = [
  '| suite | store | operations | faults injected | invariant violations | lost acknowledged writes | 5xx | time | notes |',
  '|---|---|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.suite} | ${r.store} | ${r.operations} | ${r.faults} | ${r.invariantViolations} | ${r.lostWrites} | ${r.fiveXx} | ${Math.round(r.durationMs / 1000)} s | ${r.notes} |`),
].join('\n');

const section = [
  '## Latest run',
  '',
  `${date}, commit \`${commit}\`${dirty ? ' (with uncommitted changes)' : ''}, Node ${process.version}: ` +
    `\`npm run torture -- --kills ${kills} --load-ms ${loadMs} --backups ${backups}\`, ${elapsedS} s in all, ` +
    (passed ? 'every suite passed.' : `**FAILED** (vitest exit ${vitest.status ?? vitest.signal}).`),
  '',
  rows.length > 0 ? table : '_No suite reported a result (see the vitest output)._',
  '',
  '"operations" are the write requests sent under load; in the crash suite every acknowledged one was also re-sent at least once ' +
    'as a replay (after its round and after the last kill), in the backup suites those acknowledged before a backup were replayed against the restored copy. ' +
    '"faults injected" are SIGKILLs of the server (crash suite) and backups or dumps taken under load (backup suites, plus one SIGKILL before a forced restore). ' +
    'See "What each suite proves" above.',
  '',
].join('\n');

console.log(`\n${section}`);

if (!values['no-write']) {
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Reliability\n';
  const heading = /^## Latest run[^\n]*\n/m;
  const match = heading.exec(doc);
  let next: string;
  if (!match) next = `${doc.trimEnd()}\n\n${section}`;
  else {
    const rest = doc.slice(match.index + match[0].length);
    const following = /^## /m.exec(rest);
    next = doc.slice(0, match.index) + section + (following ? `\n${rest.slice(following.index)}` : '');
  }
  writeFileSync(docPath, next);
  console.log(`Wrote the table to ${docPath}.`);
}

process.exit(passed ? 0 : 1);
