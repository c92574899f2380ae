/**
 * A TCP proxy in front of the real PostgreSQL that can break connections the way networks do: it
 * reads the server's messages (type byte + int32 length) and, when armed, closes the client's
 * connection instead of passing on the answer to a COMMIT, after the server committed it. It can also
 * refuse every connection for a while, as a server that is down does, or partition the network:
 * nothing passes either way and nothing is closed, as when a firewall or NAT forgets the connections.
 *
 * With `holdCommitAnswersMs` it keeps each COMMIT's answer (and whatever follows it on that
 * connection) that long before passing it on, and logs when it did, with the ids (`track`) that the
 * client sent in the transaction: a client that acknowledges a write before its COMMIT is answered
 * does so while the answer is held, before the log has it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface PgProxy {
  /** A connection URL through the proxy to `database`. */
  url: string;
  /**
   * Drop the connection instead of answering the next `count` COMMITs (the commits happen); with
   * `thenDownMs`, the server then looks down (every connection refused or cut) for that long.
   */
  dropCommitAnswers(count: number, options?: { thenDownMs?: number }): void;
  /** COMMIT answers dropped so far. */
  readonly dropped: number;
  /** Refuse new connections and cut the open ones (true), or serve again (false). */
  setDown(down: boolean): void;
  /** From now on connect to the server at `targetUrl` instead (a failover), and cut the open connections. */
  retarget(targetUrl: string): void;
  /**
   * Partition the network (true): from now on the open connections pass nothing either way, for
   * good, and are never closed; new ones are accepted and pass nothing. Heal it (false): new
   * connections work again, the partitioned ones stay silent.
   */
  setPartitioned(partitioned: boolean): void;
  /**
   * With `holdCommitAnswersMs`: when (`performance.now()` in this process) each COMMIT answer of a
   * transaction in which the client sent `id` was passed on to the client, in order.
   */
  commitsOf(id: string): readonly number[];
  /** With `holdCommitAnswersMs`: COMMIT answers passed on so far. */
  readonly commitsPassed: number;
  close(): Promise<void>;
}

export interface PgProxyOptions {
  /** Hold every COMMIT's answer this long before passing it on, and log it (`commitsOf`). */
  holdCommitAnswersMs?: number;
  /** The ids to look for in what clients send (a global RegExp), for `commitsOf`. */
  track?: RegExp;
}

/** The transaction status of a ReadyForQuery message outside a transaction: idle. */
const idle = 'I'.charCodeAt(0);

/**
 * The tracked ids that each transaction of one connection carried, from the messages of both
 * directions in order, however far ahead the client pipelines. PostgreSQL answers each Sync or
 * simple Query a client sends (and its start-up message) with exactly one ReadyForQuery, so the
 * client's messages fall into groups that the server's ReadyForQuery messages close one by one. A
 * COMMIT answered in the server's n-th group commits the ids of the client's groups from the one
 * after the last ReadyForQuery outside a transaction (status idle) through the n-th.
 */
class TransactionIds {
  /** The client's groups, from the first one of the open transaction; the last is still open. */
  private groups: Array<Set<string>> = [new Set()];
  /** The number of the first group in `groups`. */
  private firstGroup = 0;
  /** The number of the group the server is answering: the ReadyForQuery messages it sent so far. */
  private answering = 0;
  /** Whether the client's start-up message has been read. */
  private started = false;
  /** The start of a message not yet whole. */
  private unread = Buffer.alloc(0);

  constructor(private readonly track: RegExp) {}

  fromClient(chunk: Buffer): void {
    this.unread = Buffer.concat([this.unread, chunk]);
    let at = 0;
    for (;;) {
      // The start-up message has no type byte; every later message has one.
      const header = this.started ? 5 : 4;
      if (this.unread.length - at < header) break;
      const size = (this.started ? 1 : 0) + this.unread.readInt32BE(this.started ? at + 1 : at);
      if (this.unread.length - at < size) break;
      const type = this.started ? String.fromCharCode(this.unread[at]!) : 'startup';
      const group = this.groups[this.groups.length - 1]!;
      for (const match of this.unread.toString('latin1', at + header, at + size).matchAll(this.track)) group.add(match[0]);
      if (type === 'startup' || type === 'S' || type === 'Q') this.groups.push(new Set());
      this.started = true;
      at += size;
    }
    this.unread = this.unread.subarray(at);
  }

  /** A ReadyForQuery with this transaction status: the group being answered is done. */
  ready(status: number): void {
    if (status === idle) {
      this.groups = this.groups.slice(this.answering + 1 - this.firstGroup);
      this.firstGroup = this.answering + 1;
    }
    this.answering += 1;
  }

  /** The ids of the open transaction, for a COMMIT answered now. */
  committed(): Set<string> {
    const ids = new Set<string>();
    for (const group of this.groups.slice(0, this.answering + 1 - this.firstGroup)) for (const id of group) ids.add(id);
    return ids;
  }
}

export const startPgProxy = async (targetUrl: string, options: PgProxyOptions = {}): Promise<PgProxy> => {
  const holdMs = options.holdCommitAnswersMs ?? 0;
  const commits = new Map<string, number[]>();
  let commitsPassed = 0;
  let target = new URL(targetUrl);
  let targetPort = Number(target.port || 5432);
  const sockets = new Set<Socket>();
  let armed = 0;
  let downAfterDropMs = 0;
  let dropped = 0;
  let down = false;
  let partitioned = false;
  /** Closes off the connections open now: they pass nothing from here on. */
  const silencers = new Set<() => void>();

  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    sockets.add(client);
    if (partitioned) return; // accepted, and nothing ever passes
    const upstream = createConnectionTo(target.hostname, targetPort);
    sockets.add(upstream);
    let silent = false;
    silencers.add(() => (silent = true));
    const cut = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // Across a partition a close is not heard either: the other side stays open (until close()).
    const closed = (side: Socket) => () => {
      if (!silent) return cut();
      side.destroy();
      sockets.delete(side);
    };
    client.on('error', closed(client));
    upstream.on('error', closed(upstream));
    client.on('close', closed(client));
    upstream.on('close', closed(upstream));
    const transactions = options.track ? new TransactionIds(options.track) : null;
    client.on('data', (chunk: Buffer) => {
      if (silent) return;
      transactions?.fromClient(chunk);
      upstream.write(chunk);
    });
    /** With a hold: what the client has yet to get, in order, each part after its hold. */
    let passing = Promise.resolve();
    const pass = (data: Buffer, held: Set<string> | null) => {
      if (holdMs === 0) return void client.write(data);
      passing = passing.then(async () => {
        if (held) await new Promise((resolve) => setTimeout(resolve, holdMs));
        if (silent) return;
        client.write(data);
        if (!held) return;
        const at = performance.now();
        commitsPassed += 1;
        for (const id of held) commits.set(id, [...(commits.get(id) ?? []), at]);
      });
    };
    // Server → client: whole messages only, so a COMMIT's CommandComplete can be recognised.
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      if (silent) return;
      pending = Buffer.concat([pending, chunk]);
      let end = 0;
      while (pending.length - end >= 5) {
        const length = pending.readInt32BE(end + 1);
        if (pending.length - end < 1 + length) break;
        const type = String.fromCharCode(pending[end]!);
        const isCommit = type === 'C' && pending.toString('utf8', end + 5, end + length).startsWith('COMMIT');
        if (holdMs > 0 && isCommit) {
          // Everything up to this answer is passed on after the hold; what follows, after it.
          pass(pending.subarray(0, end + 1 + length), transactions?.committed() ?? new Set());
          pending = pending.subarray(end + 1 + length);
          end = 0;
          continue;
        }
        if (type === 'Z') transactions?.ready(pending[end + 5]!);
        if (armed > 0 && isCommit) {
          armed -= 1;
          dropped += 1;
          client.write(pending.subarray(0, end));
          cut();
          if (downAfterDropMs > 0) {
            setDown(true);
            setTimeout(() => setDown(false), downAfterDropMs);
          }
          return;
        }
        end += 1 + length;
      }
      if (end > 0) pass(pending.subarray(0, end), null);
      pending = pending.subarray(end);
    });
  });
  const setDown = (value: boolean) => {
    down = value;
    if (value) for (const socket of sockets) socket.destroy();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    dropCommitAnswers(count, options = {}) {
      armed = count;
      downAfterDropMs = options.thenDownMs ?? 0;
    },
    get dropped() {
      return dropped;
    },
    setDown,
    retarget(next) {
      target = new URL(next);
      targetPort = Number(target.port || 5432);
      for (const socket of sockets) socket.destroy();
    },
    commitsOf: (id) => commits.get(id) ?? [],
    get commitsPassed() {
      return commitsPassed;
    },
    setPartitioned(value) {
      partitioned = value;
      if (value) for (const silence of silencers) silence();
      silencers.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

const createConnectionTo = (host: string, port: number): Socket => connect({ host, port });
