/** Listening, and stopping without dropping acknowledged work. */
import type { Server } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface RunningServer {
  address: string;
  close(): Promise<void>;
}

export const listen = async (app: FastifyInstance, options: { host: string; port: number }): Promise<RunningServer> => {
  const address = await app.listen({ host: options.host, port: options.port });
  return {
    address,
    // Stops accepting connections and waits for in-flight requests to be answered.
    close: () => app.close(),
  };
};

/** Counts the connections `server` accepts into `arrivals.accepted` (the command bus's `arrivals`, ADR 0031). */
export const countConnections = (server: Server, arrivals: { accepted: number }): void => {
  server.on('connection', () => {
    arrivals.accepted += 1;
  });
};
