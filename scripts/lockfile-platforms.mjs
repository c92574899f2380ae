#!/usr/bin/env node
// The registry this project installs from serves only the Linux builds of rollup's native
// packages, so `npm install` leaves the other platforms' optional packages out of
// package-lock.json and `npm ci` then refuses the lock file as out of sync. This adds the missing
// entries with their os/cpu/libc, which `npm ci` skips on this platform without fetching them.
// Run after any update that changes rollup's version: node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
let added = 0;
for (const [name, version] of Object.entries(rollup?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const [, os, cpu, abi] = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(name) ?? [];
  if (!os) throw new Error(`cannot tell the platform of ${name}`);
  lock.packages[key] = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os], ...(os === 'linux' && abi && { libc: [abi.includes('musl') ? 'musl' : 'glibc'] }) };
  added += 1;
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries`);
