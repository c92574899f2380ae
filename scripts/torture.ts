/**
 * `npm run torture`: the reliability suites, long. Builds, then runs every reliability suite with
 * torture sizes (through the STOCKROOM_TORTURE_* variables): the crash suite with many SIGKILLs per
 * store and a longer load, backups under load, PostgreSQL crashed and its connections terminated
 * under load, conservation, hostile input, time, lost responses, the last-units race and the order of
 * flushes and acknowledgements. Each suite
 * appends its row to a report file; the script prints the markdown table and writes it to
 * docs/reliability.md under "Latest run".
 *
 *   npm run torture -- [--kills 20] [--load-ms 2500] [--backups 5] [--pg-crashes 10]
 *     [--pg-terminations 40] [--conservation-ms 30000] [--fuzz-runs 3000] [--time-rounds 5]
 *     [--lost-responses 25] [--race-rounds 10] [--flush-buyers 2000] [--no-write]
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
    'pg-crashes': { type: 'string', default: '10' },
    'pg-terminations': { type: 'string', default: '40' },
    'conservation-ms': { type: 'string', default: '30000' },
    'fuzz-runs': { type: 'string', default: '3000' },
    'time-rounds': { type: 'string', default: '5' },
    'lost-responses': { type: 'string', default: '25' },
    'race-rounds': { type: 'string', default: '10' },
    'flush-buyers': { type: 'string', default: '2000' },
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
const sizes = {
  STOCKROOM_TORTURE_KILLS: kills,
  STOCKROOM_TORTURE_LOAD_MS: loadMs,
  STOCKROOM_TORTURE_BACKUPS: backups,
  STOCKROOM_TORTURE_PG_CRASHES: whole('pg-crashes', values['pg-crashes'], 1),
  STOCKROOM_TORTURE_PG_TERMINATIONS: whole('pg-terminations', values['pg-terminations'], 1),
  STOCKROOM_TORTURE_CONSERVATION_MS: whole('conservation-ms', values['conservation-ms'], 1000),
  STOCKROOM_TORTURE_FUZZ_RUNS: whole('fuzz-runs', values['fuzz-runs'], 10),
  STOCKROOM_TORTURE_TIME_ROUNDS: whole('time-rounds', values['time-rounds'], 1),
  STOCKROOM_TORTURE_LOST_RESPONSES: whole('lost-responses', values['lost-responses'], 1),
  STOCKROOM_TORTURE_RACE_ROUNDS: whole('race-rounds', values['race-rounds'], 1),
  STOCKROOM_TORTURE_FLUSH_BUYERS: whole('flush-buyers', values['flush-buyers'], 20),
};
const suites = [
  'test/reliability.crash.test.ts',
  'test/reliability.pg-crash.test.ts',
  'test/reliability.pg-failover.test.ts',
  'test/reliability.pg-outage.test.ts',
  'test/reliability.backup.test.ts',
  'test/reliability.conservation.test.ts',
  'test/reliability.lost-response.test.ts',
  'test/reliability.time.test.ts',
  'test/http.fuzz.test.ts',
  'test/race.http.test.ts',
  'test/reliability.flush-before-ack.test.ts',
];
const flags = `--kills ${kills} --load-ms ${loadMs} --backups ${backups} --pg-crashes ${sizes.STOCKROOM_TORTURE_PG_CRASHES} --pg-terminations ${sizes.STOCKROOM_TORTURE_PG_TERMINATIONS} --conservation-ms ${sizes.STOCKROOM_TORTURE_CONSERVATION_MS} --fuzz-runs ${sizes.STOCKROOM_TORTURE_FUZZ_RUNS} --time-rounds ${sizes.STOCKROOM_TORTURE_TIME_ROUNDS} --lost-responses ${sizes.STOCKROOM_TORTURE_LOST_RESPONSES} --race-rounds ${sizes.STOCKROOM_TORTURE_RACE_ROUNDS} --flush-buyers ${sizes.STOCKROOM_TORTURE_FLUSH_BUYERS}`;

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
const vitest = spawnSync('npx', ['vitest', 'run', '--fileParallelism=false', ...suites], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    ...Object.fromEntries(Object.entries(sizes).map(([name, value]) => [name, String(value)])),
    STOCKROOM_RELIABILITY_REPORT: reportFile,
  },
});
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
    `\`npm run torture -- ${flags}\`, ${elapsedS} s in all, ` +
    (passed ? 'every suite passed.' : `**FAILED** (vitest exit ${vitest.status ?? vitest.signal}).`),
  '',
  rows.length > 0 ? table : '_No suite reported a result (see the vitest output)._',
  '',
  '"operations" are the requests (or commands, for the in-process suites) sent under load; in the crash suites every acknowledged one was also re-sent at least once ' +
    'as a replay (after its round and after the last fault), in the backup suites those acknowledged before a backup were replayed against the restored copy. ' +
    '"faults injected" are SIGKILLs of the server (crash), crashes of PostgreSQL (pg_ctl stop -m immediate), rounds of terminated connections, ' +
    'backups or dumps taken under load (plus one SIGKILL before a forced restore), answers dropped after the commit, clock jumps and boundary races (time), ' +
    'hostile requests (fuzzing) and contested races (last units); the flush suite injects none: it checks the order of the server\'s own system calls, and its invariant violations are acknowledgements sent ahead of their flush. Conservation and time run in process, without HTTP, so their 5xx column is 0 by construction. The 5xx column counts every answer of 500 or above except 503 service_unavailable with Retry-After to a request sent while a fault was under way (a server draining, a database down or its connections being cut: counted in the notes); the suites then check that each such request took effect once or not at all. ' +
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
