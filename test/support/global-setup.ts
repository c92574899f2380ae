/**
 * Decides once whether the PostgreSQL suites run. On CI (CI=true) they must: an unreachable server
 * fails the run. Elsewhere they are skipped with a loud notice.
 */
import pg from 'pg';

export const postgresUrl = (): string => process.env.STOCKROOM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    process.env.STOCKROOM_TEST_POSTGRES = 'on';
  } catch (error) {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${postgresUrl()}: ${(error as Error).message}`);
    process.env.STOCKROOM_TEST_POSTGRES = 'off';
    console.warn(`\n\n*** PostgreSQL at ${postgresUrl()} is not reachable: the PostgreSQL suites are SKIPPED. ***\n\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
