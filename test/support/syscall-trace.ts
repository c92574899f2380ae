/**
 * What a server told the operating system, in order: a `strace` of `stockroom serve` on SQLite,
 * read for one property. A 2xx must not reach a socket while a commit is written to the WAL but
 * not yet flushed to the disk: an answer sent in that window acknowledges a write that a power loss
 * could still take away.
 *
 * The trace must come from `strace -f -tt -y -xx` (every string and path as `\xNN`) with at least
 * `pwrite64`, `write`, `writev`, `fsync` and `fdatasync`, and `-s 24` or more. SQLite writes each
 * WAL frame as a 24-byte header and then the page; a header whose bytes 4–7 (the database's size
 * after the commit) are not zero ends a transaction: a commit frame.
 */
import { spawnSync } from 'node:child_process';

/** strace's options for a trace this module can read. */
export const straceArgs = (output: string): string[] => [
  '-f',
  '-tt',
  '-y',
  '-xx',
  '-s',
  '24',
  '-e',
  'trace=pwrite64,pwritev,pwritev2,write,writev,sendto,sendmsg,fsync,fdatasync',
  '-e',
  'signal=none',
  '-o',
  output,
];

/** Whether strace runs here (installed, and allowed to trace). */
export const straceWorks = (): boolean => spawnSync('strace', ['-o', '/dev/null', 'true'], { stdio: 'ignore' }).status === 0;

export interface FlushOrder {
  /** WAL frame headers that end a transaction. */
  commitFrames: number;
  /** fsync/fdatasync of the WAL that completed. */
  walFlushes: number;
  /** Socket writes that begin with `HTTP/1.1 2`. */
  acknowledgements: number;
  /** The acknowledgements sent while a commit frame was written but not yet flushed. */
  unflushed: { line: number; text: string }[];
}

const decode = (escaped: string): Buffer => Buffer.from(escaped.replace(/\\x/g, ''), 'hex');

/** `<pid> <time> <call>(<fd><<path>>, "<data>"…` or the start of an unfinished call. */
const callLine = /^(\d+)\s+\S+\s+(\w+)\((\d+)<((?:\\x[0-9a-f]{2})*)>(.*)$/;
const resumedLine = /^(\d+)\s+\S+\s+<\.\.\. (\w+) resumed>.*= (-?\d+)/;
const firstString = /"((?:\\x[0-9a-f]{2})*)"/;
const writes = new Set(['write', 'writev', 'sendto', 'sendmsg']);
const flushes = new Set(['fsync', 'fdatasync']);
const acknowledgement = Buffer.from('HTTP/1.1 2');

export const flushOrderOf = (trace: string): FlushOrder => {
  const order: FlushOrder = { commitFrames: 0, walFlushes: 0, acknowledgements: 0, unflushed: [] };
  /** A commit frame has been written and no flush of the WAL has completed since. */
  let dirty = false;
  /** Per thread, the WAL flush it started and has not finished. */
  const pendingFlush = new Set<string>();
  const lines = trace.split('\n');
  lines.forEach((text, index) => {
    const resumed = resumedLine.exec(text);
    if (resumed) {
      const [, pid, call, result] = resumed;
      if (flushes.has(call!) && pendingFlush.delete(pid!) && result === '0') {
        order.walFlushes += 1;
        dirty = false;
      }
      return;
    }
    const match = callLine.exec(text);
    if (!match) return;
    const [, pid, call, , pathHex, rest] = match;
    const path = decode(pathHex!).toString('utf8');
    const unfinished = rest!.includes('<unfinished ...>');
    if (call === 'pwrite64' && path.endsWith('-wal')) {
      const data = firstString.exec(rest!);
      const count = /"(?:\.\.\.)?, (\d+), \d+(?:\)| <unfinished)/.exec(rest!);
      if (data && count && Number(count[1]) === 24) {
        const header = decode(data[1]!);
        if (header.length >= 8 && header.readUInt32BE(4) !== 0) {
          order.commitFrames += 1;
          dirty = true;
        }
      }
    } else if (flushes.has(call!) && path.endsWith('-wal')) {
      if (unfinished) pendingFlush.add(pid!);
      else if (/= 0$/.test(rest!)) {
        order.walFlushes += 1;
        dirty = false;
      }
    } else if (writes.has(call!) && path.startsWith('socket:')) {
      const data = firstString.exec(rest!);
      if (data && decode(data[1]!).subarray(0, acknowledgement.length).equals(acknowledgement)) {
        order.acknowledgements += 1;
        if (dirty) order.unflushed.push({ line: index + 1, text: text.slice(0, 200) });
      }
    }
  });
  return order;
};
