import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderScreen, sku } from '../../../../test/render';
import { CsvImport } from './CsvImport';

describe('CsvImport', () => {
  it('previews problems by line, then imports the valid lines with progress', async () => {
    const calls = fakeServer(({ method, path, body }) => {
      if (method === 'POST' && path === '/v1/skus') {
        const code = (body as { sku: string }).sku;
        return code === 'DUP-1' ? { status: 409, body: { error: { code: 'sku_exists', message: 'exists', details: { sku: code } } } } : { status: 201, body: sku(code) };
      }
      if (method === 'PATCH' && path === '/v1/skus/DUP-1') return { body: sku('DUP-1') };
      return undefined;
    });
    renderScreen(<CsvImport onClose={() => undefined} />);
    const user = userEvent.setup();
    const file = new File(['sku,name\nNEW-1,New\nDUP-1,Dup\n,Nameless\n'], 'skus.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('CSV file'), file);
    expect(await screen.findByText('2 lines ready, 1 with problems (they will be skipped).')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Lines with problems' }).textContent).toContain('4sku is required');
    await user.click(screen.getByRole('button', { name: 'Import 2 SKUs' }));
    expect(await screen.findByText('1 created, 1 updated, 0 refused.')).toBeTruthy();
    expect(screen.getByRole('progressbar')).toHaveProperty('value', 2);
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`).sort()).toEqual(['PATCH /v1/skus/DUP-1', 'POST /v1/skus', 'POST /v1/skus']);
  });
});
