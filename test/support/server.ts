/** Real `stockroom serve` processes (the built CLI), for races through real sockets. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = `${root}bin/stockroom.js`;

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  output(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  /** More options for `serve`. */
  args?: string[];
  /** A command that runs the server as its child (e.g. `strace … -o file`); stop() signals the server. */
  launcher?: string[];
}

/** The one child of a launcher: the server it runs. */
const childOf = (pid: number): number | null => {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  return children[0] ?? null;
};

export const startServer = async (databaseUrl: string, env: Record<string, string> = {}, options: ServerOptions = {}): Promise<ServerProcess> => {
  if (!existsSync(`${root}dist/main.js`)) throw new Error('Build first: npm run build (npm test does it).');
  const port = await freePort();
  const serve = [process.execPath, cliPath, 'serve', '--db', databaseUrl, '--port', String(port), '--host', '127.0.0.1', ...(options.args ?? [])];
  const command = [...(options.launcher ?? []), ...serve];
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, STOCKROOM_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        const server = options.launcher ? childOf(child.pid!) : child.pid!;
        if (server !== null) process.kill(server, 'SIGTERM');
      }),
  };
};
