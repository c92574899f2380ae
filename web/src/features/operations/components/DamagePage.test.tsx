import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, level, renderScreen, sku, warehouse } from '../../../../test/render';
import { DamagePage, WriteOffPage } from './DamagePage';

const server = (post: { status: number; body: unknown }) =>
  fakeServer(({ method, path }) => {
    if (path === '/v1/warehouses') return { body: { items: [warehouse('BER-1', 'Berlin')], nextCursor: null } };
    if (path === '/v1/skus/MUG-1') return { body: sku('MUG-1') };
    if (path === '/v1/stock/MUG-1') return { body: { sku: 'MUG-1', totals: level('MUG-1', '', 10, { damaged: 4 }), warehouses: [level('MUG-1', 'BER-1', 10, { damaged: 4 })] } };
    if (method === 'POST') return post;
    return undefined;
  });

const scan = async () => {
  const user = userEvent.setup();
  await waitFor(() => expect(screen.getByLabelText('Warehouse')).toHaveProperty('value', 'BER-1'));
  await user.type(screen.getByLabelText(/Scan or type/), 'MUG-1{Enter}');
  expect(await screen.findByText('Thing MUG-1')).toBeTruthy();
  return user;
};

describe('DamagePage', () => {
  it('writes off damaged units with a reason, showing how many are damaged here first', async () => {
    const calls = server({ status: 201, body: { id: 'op_1', reference: null, movements: [], levels: [level('MUG-1', 'BER-1', 8, { damaged: 2 })] } });
    renderScreen(<WriteOffPage />);
    const user = await scan();
    expect(await screen.findByTestId('damaged-here')).toHaveProperty('textContent', '4 damaged here.');
    await user.clear(screen.getByLabelText('Write off (each)'));
    await user.type(screen.getByLabelText('Write off (each)'), '2');
    await user.selectOptions(screen.getByLabelText('Reason'), 'Recycled');
    await user.click(screen.getByRole('button', { name: 'Write off' }));
    expect(await screen.findByText('Wrote off 2 × MUG-1 (damaged) in Berlin.')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/v1/write-offs');
    expect(post?.body).toEqual({ warehouse: 'BER-1', sku: 'MUG-1', quantity: 2, reason: 'Recycled' });
  });

  it('says in words when fewer units are damaged than written off', async () => {
    server({ status: 409, body: { error: { code: 'insufficient_damaged', message: 'no', details: { damaged: 4 } } } });
    renderScreen(<WriteOffPage />);
    const user = await scan();
    await user.click(screen.getByRole('button', { name: 'Write off' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Fewer units are marked damaged (4) than you are writing off.');
  });

  it('marks units damaged through /v1/damages', async () => {
    const calls = server({ status: 201, body: { id: 'op_1', reference: null, movements: [], levels: [level('MUG-1', 'BER-1', 10, { damaged: 5 })] } });
    renderScreen(<DamagePage />);
    const user = await scan();
    expect(screen.queryByTestId('damaged-here')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Mark damaged' }));
    expect(await screen.findByText('Marked 1 × MUG-1 as damaged in Berlin.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/v1/damages');
  });
});
