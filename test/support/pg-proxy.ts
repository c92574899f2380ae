/**
 * A TCP proxy in front of the real PostgreSQL that can break connections the way networks do: it
 * reads the server's messages (type byte + int32 length) and, when armed, closes the client's
 * connection instead of passing on the answer to a COMMIT, after the server committed it. It can also
 * refuse every connection for a while, as a server that is down does, or partition the network:
 * nothing passes either way and nothing is closed, as when a firewall or NAT forgets the connections.
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
  /**
   * Partition the network (true): from now on the open connections pass nothing either way, for
   * good, and are never closed; new ones are accepted and pass nothing. Heal it (false): new
   * connections work again, the partitioned ones stay silent.
   */
  setPartitioned(partitioned: boolean): void;
  close(): Promise<void>;
}

export const startPgProxy = async (targetUrl: string): Promise<PgProxy> => {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port || 5432);
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
    client.on('data', (chunk: Buffer) => {
      if (!silent) upstream.write(chunk);
    });
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
        if (armed > 0 && type === 'C' && pending.toString('utf8', end + 5, end + length).startsWith('COMMIT')) {
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
      if (end > 0) client.write(pending.subarray(0, end));
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
