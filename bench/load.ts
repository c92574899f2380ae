/**
 * The load generator, run as its own process (so it does not share the server's event loop):
 * `tsx bench/load.ts '<json>'` prints autocannon's result as JSON on stdout.
 */
import autocannon from 'autocannon';

interface LoadConfig {
  url: string;
  token: string;
  scenario: 'ceiling' | 'hot' | 'uniform' | 'lifecycle' | 'reads' | 'mixed';
  durationSeconds: number;
  connections: number;
  skus: number;
  prefix: string;
  hotSku: string;
  warehouse: string;
}

const config = JSON.parse(process.argv[2]!) as LoadConfig;
const headers = { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' };
const randomSku = () => `${config.prefix}-${String(1 + Math.floor(Math.random() * config.skus)).padStart(7, '0')}`;
let n = 0;
const reserve = (sku: string) => JSON.stringify({ reference: `bench-${++n}`, lines: [{ sku, quantity: 1, warehouse: config.warehouse }] });

type Request = autocannon.Request;

const requests: Record<LoadConfig['scenario'], Request[]> = {
  ceiling: [{ method: 'GET', path: '/healthz' }],
  hot: [{ method: 'POST', path: '/v1/reservations', headers, setupRequest: (req) => ({ ...req, body: reserve(config.hotSku) }) }],
  uniform: [{ method: 'POST', path: '/v1/reservations', headers, setupRequest: (req) => ({ ...req, body: reserve(randomSku()) }) }],
  reads: [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: `/v1/stock/${randomSku()}` }) }],
  mixed: [
    {
      headers,
      setupRequest: (req) =>
        Math.random() < 0.9 ? { ...req, method: 'GET', path: `/v1/stock/${randomSku()}`, body: undefined } : { ...req, method: 'POST', path: '/v1/reservations', body: reserve(randomSku()) },
    },
  ],
  lifecycle: [
    {
      method: 'POST',
      path: '/v1/reservations',
      headers,
      setupRequest: (req) => ({ ...req, body: reserve(randomSku()) }),
      onResponse: (status: number, body: string, context: object) => {
        (context as { id?: string }).id = status === 201 ? (JSON.parse(body) as { id: string }).id : 'res_00000000000000000000000000';
      },
    },
    { method: 'POST', headers, setupRequest: (req, context) => ({ ...req, path: `/v1/reservations/${String((context as { id: string }).id)}/confirm`, body: '{}' }) },
    { method: 'POST', headers, setupRequest: (req, context) => ({ ...req, path: `/v1/reservations/${String((context as { id: string }).id)}/fulfil`, body: '{}' }) },
  ],
};

const cpuStart = process.cpuUsage();
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.durationSeconds,
  pipelining: 1,
  requests: requests[config.scenario],
});
// The load generator's own CPU time, so the run can show how the two cores were shared.
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(JSON.stringify({ ...result, loadCpuUs: cpu.user + cpu.system }));
