import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderScreen, warehouse } from '../../../../test/render';
import { TransferReceivePage } from './TransferReceivePage';

const transfer = (received: number) => ({
  id: 'trf_1', from: 'BER-1', to: 'LDN-1', reference: 'MOVE-1', status: received === 0 ? 'in_transit' : received < 5 ? 'partially_received' : 'received',
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', lines: [{ sku: 'MUG-1', quantity: 5, received }], movements: [],
});

describe('TransferReceivePage', () => {
  it('receives what arrived when part of a transfer is missing, and leaves the rest on its way', async () => {
    let current = transfer(0);
    const calls = fakeServer(({ method, path, body }) => {
      if (path === '/v1/warehouses') return { body: { items: [warehouse('BER-1', 'Berlin'), warehouse('LDN-1', 'London')], nextCursor: null } };
      if (path === '/v1/reports/transfers') return { body: { items: [], nextCursor: null } };
      if (method === 'GET' && path === '/v1/transfers/trf_1') return { body: current };
      if (method === 'POST' && path === '/v1/transfers/trf_1/receive') {
        current = transfer(current.lines[0]!.received + ((body as { lines?: Array<{ quantity: number }> }).lines?.[0]?.quantity ?? 5));
        return { body: current };
      }
      return undefined;
    });
    renderScreen(<TransferReceivePage />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Transfer number'), 'trf_1{Enter}');
    const arrived = await screen.findByLabelText('MUG-1 arrived (5 on the way)');
    await user.clear(arrived);
    await user.type(arrived, '3');
    await user.click(await screen.findByRole('button', { name: 'Receive 3 units in London' }));
    expect(await screen.findByText('3 of 5 received')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ lines: [{ sku: 'MUG-1', quantity: 3 }] });
    expect(await screen.findByLabelText('MUG-1 arrived (2 on the way)')).toHaveProperty('value', '2');
    expect(screen.getByRole('button', { name: 'Receive 2 units in London' })).toBeTruthy();
  });
});
