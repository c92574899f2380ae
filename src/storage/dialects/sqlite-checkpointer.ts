import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own (ADR 0044). In WAL mode SQLite copies the log back into
 * the database file every `wal_autocheckpoint` pages, inside the commit that crosses the mark, on
 * the thread that commits: for the server, its event loop, held for the copy and the database
 * file's fsync (about 10–15 ms on the bench machine) while no request is parsed or answered. Here
 * a worker thread with its own connection runs `wal_checkpoint(PASSIVE)` every `intervalMs`
 * instead. A passive checkpoint never waits for a lock and never blocks the writer: it copies the
 * frames that no reader still needs, and the writer starts the log over once all are copied.
 * The writer keeps an automatic checkpoint as a backstop, at `backstopPages`, for a checkpointer
 * that has stopped or fallen behind.
 */
export interface Checkpointer {
  /** Stops the thread, after any checkpoint it is running; the writer's last close checkpoints the rest. */
  stop(): Promise<void>;
}

export const checkpointerDefaults = { intervalMs: 100, backstopPages: 16_000 };

/**
 * The worker's code, evaluated in the thread (so it runs the same from the sources and from the
 * build). It receives the database file and the driver's resolved path; it answers each `stop`
 * message by closing its connection and exiting.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('cache_size = -1024');
if (workerData.unsafeNoFsync) db.pragma('synchronous = OFF');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts the thread. A checkpoint that fails is tried again at the next tick, and the writer's
 * backstop still bounds the log, so a failure is reported once, as a process warning, not thrown.
 */
export const startCheckpointer = (file: string, options: { intervalMs?: number; unsafeNoFsync?: boolean } = {}): Checkpointer => {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { file, driver, intervalMs: options.intervalMs ?? checkpointerDefaults.intervalMs, unsafeNoFsync: options.unsafeNoFsync === true } });
  // The thread must not keep a process alive that has nothing else to do.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let reported = false;
  const report = (message: string) => {
    if (reported) return;
    reported = true;
    process.emitWarning(`WAL checkpoints on their own thread failed (the writer's own checkpoints still run): ${message}`);
  };
  worker.on('message', (message: { error?: string }) => {
    if (message.error !== undefined) report(message.error);
  });
  worker.on('error', (error) => report(error.message));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
};
