/** Listening, and stopping without dropping acknowledged work. */
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
