/** The stock ledger use cases on both stores, through the real command bus and repositories. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testActor, buildSku, buildStocked, buildWarehouse, must } from './support/factories.js';
import { createCore, type Core } from './support/app.js';
import { storeKinds } from './support/stores.js';

describe.each(storeKinds())('stock ledger on %s', (kind) => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore(kind);
  });
  afterAll(async () => {
    const report = await core.check();
    expect(report.violations).toEqual([]);
    await core.close();
  });

  const levelOf = async (sku: string, warehouse: string) => {
    const stock = await core.queries.stock(sku);
    if (!stock.ok) throw new Error(stock.code);
    return stock.value.warehouses.find((w) => w.warehouse === warehouse);
  };
  const run = (name: Parameters<Core['bus']['execute']>[0], input: unknown) => core.bus.execute(name, input as never, { actor: testActor });

  it('receives stock into onHand and records the movement', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    const result = await must(core.bus, 'stock.receive', { warehouse: warehouse.code, reference: 'PO-1', lines: [{ sku: sku.sku, quantity: 7 }] });
    expect(result.movements).toHaveLength(1);
    expect(result.movements[0]).toMatchObject({ type: 'receive', quantity: 7, deltas: { onHand: 7, reserved: 0 }, reference: { type: 'receipt', id: 'PO-1' } });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 7, available: 7, availableToPromise: 7 });
  });

  it('reserves within available stock and refuses beyond it, changing nothing', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 5);
    const held = await must(core.bus, 'reservation.create', { reference: 'cart-1', lines: [{ sku: sku.sku, quantity: 3 }] });
    expect(held.reservation).toMatchObject({ status: 'active', lines: [{ sku: sku.sku, warehouse: warehouse.code, quantity: 3, backordered: 0 }] });
    const refused = await run('reservation.create', { reference: 'cart-2', lines: [{ sku: sku.sku, quantity: 3 }] });
    expect(refused.outcome).toMatchObject({ ok: false, code: 'insufficient_stock', details: { lines: [{ sku: sku.sku, requested: 3, available: 2 }] } });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 5, reserved: 3, available: 2 });
  });

  it('places all lines of a reservation or none', async () => {
    const a = await buildStocked(core.bus, 5);
    const b = await buildSku(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: a.warehouse.code, lines: [{ sku: b.sku, quantity: 1 }] });
    const refused = await run('reservation.create', {
      reference: 'cart',
      lines: [
        { sku: a.sku.sku, quantity: 2, warehouse: a.warehouse.code },
        { sku: b.sku, quantity: 2, warehouse: a.warehouse.code },
      ],
    });
    expect(refused.outcome).toMatchObject({ ok: false, code: 'insufficient_stock', details: { lines: [{ sku: b.sku, warehouse: a.warehouse.code, requested: 2, available: 1 }] } });
    expect(await levelOf(a.sku.sku, a.warehouse.code)).toMatchObject({ reserved: 0, available: 5 });
  });

  it('serves a line without a warehouse from the warehouse with most available', async () => {
    const sku = await buildSku(core.bus);
    const small = await buildWarehouse(core.bus);
    const large = await buildWarehouse(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: small.code, lines: [{ sku: sku.sku, quantity: 2 }] });
    await must(core.bus, 'stock.receive', { warehouse: large.code, lines: [{ sku: sku.sku, quantity: 9 }] });
    const held = await must(core.bus, 'reservation.create', { reference: 'r', lines: [{ sku: sku.sku, quantity: 4 }] });
    expect(held.reservation.lines[0]!.warehouse).toBe(large.code);
  });

  it('runs the lifecycle reserve → confirm → partial fulfil → fulfil', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 10);
    const { reservation } = await must(core.bus, 'reservation.create', { reference: 'order-1', lines: [{ sku: sku.sku, quantity: 4 }] });
    const confirmed = await must(core.bus, 'reservation.confirm', { id: reservation.id });
    expect(confirmed.reservation.status).toBe('allocated');
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 10, reserved: 0, allocated: 4, available: 6 });
    const partial = await must(core.bus, 'reservation.fulfil', { id: reservation.id, lines: [{ sku: sku.sku, quantity: 1 }] });
    expect(partial.reservation.status).toBe('partially_fulfilled');
    const over = await run('reservation.fulfil', { id: reservation.id, lines: [{ sku: sku.sku, quantity: 4 }] });
    expect(over.outcome).toMatchObject({ ok: false, code: 'fulfil_over_allocation' });
    const rest = await must(core.bus, 'reservation.fulfil', { id: reservation.id });
    expect(rest.reservation.status).toBe('fulfilled');
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 6, reserved: 0, allocated: 0, available: 6 });
    const again = await run('reservation.release', { id: reservation.id });
    expect(again.outcome).toMatchObject({ ok: false, code: 'invalid_reservation_state', details: { status: 'fulfilled' } });
  });

  it('refuses to confirm a hold after its expiry even before the sweeper ran, and expires it', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 3);
    const { reservation } = await must(core.bus, 'reservation.create', { reference: 'late', lines: [{ sku: sku.sku, quantity: 3 }], ttlSeconds: 60 });
    core.clock.advance(60_000);
    const late = await run('reservation.confirm', { id: reservation.id });
    expect(late.outcome).toMatchObject({ ok: false, code: 'reservation_expired' });
    const expired = await must(core.bus, 'reservation.expire', { id: reservation.id });
    expect(expired?.reservation.status).toBe('expired');
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ reserved: 0, available: 3 });
    expect(await must(core.bus, 'reservation.expire', { id: reservation.id })).toBeNull();
  });

  it('expires due holds on the SKU when a buyer finds too little stock', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 2);
    await must(core.bus, 'reservation.create', { reference: 'abandoned', lines: [{ sku: sku.sku, quantity: 2 }], ttlSeconds: 5 });
    core.clock.advance(5_000);
    const held = await must(core.bus, 'reservation.create', { reference: 'buyer', lines: [{ sku: sku.sku, quantity: 2, warehouse: warehouse.code }] });
    expect(held.reservation.status).toBe('active');
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ reserved: 2, available: 0 });
  });

  it('releases allocated units back to available', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 4);
    const { reservation } = await must(core.bus, 'reservation.create', { reference: 'x', lines: [{ sku: sku.sku, quantity: 4 }] });
    await must(core.bus, 'reservation.confirm', { id: reservation.id });
    const released = await must(core.bus, 'reservation.release', { id: reservation.id });
    expect(released.reservation.status).toBe('released');
    expect(released.movements[0]).toMatchObject({ type: 'release', deltas: { allocated: -4 } });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ allocated: 0, available: 4 });
  });

  it('extends an active hold from now', async () => {
    const { sku } = await buildStocked(core.bus, 1);
    const { reservation } = await must(core.bus, 'reservation.create', { reference: 'x', lines: [{ sku: sku.sku, quantity: 1 }], ttlSeconds: 10 });
    const extended = await must(core.bus, 'reservation.extend', { id: reservation.id, ttlSeconds: 600 });
    expect(extended.reservation.expiresAtMs).toBe(core.clock.nowMs() + 600_000);
  });

  it('lets backorderable SKUs go below zero up to their limit, and not further', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 2, { backorder: { allowed: true, limit: 3 } });
    const held = await must(core.bus, 'reservation.create', { reference: 'pre', lines: [{ sku: sku.sku, quantity: 4, warehouse: warehouse.code }] });
    expect(held.reservation.lines[0]).toMatchObject({ quantity: 4, backordered: 2 });
    const beyond = await run('reservation.create', { reference: 'pre2', lines: [{ sku: sku.sku, quantity: 2, warehouse: warehouse.code }] });
    expect(beyond.outcome).toMatchObject({ ok: false, code: 'insufficient_stock' });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 2, reserved: 4, available: -2 });
    const lower = await run('sku.update', { sku: sku.sku, changes: { backorder: { allowed: false, limit: 0 } } });
    expect(lower.outcome).toMatchObject({ ok: false, code: 'backorder_in_use' });
  });

  it('counts stock, and refuses a count that would break holds', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 10);
    await must(core.bus, 'reservation.create', { reference: 'h', lines: [{ sku: sku.sku, quantity: 6 }] });
    const counted = await must(core.bus, 'stock.adjust', { warehouse: warehouse.code, sku: sku.sku, countedQuantity: 8, reason: 'cycle_count' });
    expect(counted.difference).toBe(-2);
    expect(counted.movements[0]).toMatchObject({ type: 'adjust', quantity: 2, deltas: { onHand: -2 }, reason: 'cycle_count' });
    const tooLow = await run('stock.adjust', { warehouse: warehouse.code, sku: sku.sku, countedQuantity: 5, reason: 'cycle_count' });
    expect(tooLow.outcome).toMatchObject({ ok: false, code: 'would_break_holds', details: { reserved: 6, requestedOnHand: 5 } });
    const same = await must(core.bus, 'stock.adjust', { warehouse: warehouse.code, sku: sku.sku, countedQuantity: 8, reason: 'cycle_count' });
    expect(same).toMatchObject({ difference: 0, movements: [] });
  });

  it('damages units and writes them off', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 5);
    await must(core.bus, 'stock.damage', { warehouse: warehouse.code, sku: sku.sku, quantity: 2, reason: 'dropped' });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 5, damaged: 2, available: 3 });
    const tooMany = await run('stock.write_off', { warehouse: warehouse.code, sku: sku.sku, quantity: 3, reason: 'scrap' });
    expect(tooMany.outcome).toMatchObject({ ok: false, code: 'insufficient_damaged' });
    await must(core.bus, 'stock.write_off', { warehouse: warehouse.code, sku: sku.sku, quantity: 2, reason: 'scrap' });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 3, damaged: 0, available: 3 });
  });

  it('moves stock between warehouses through inTransit, with partial receipt', async () => {
    const { sku, warehouse: from } = await buildStocked(core.bus, 10);
    const to = await buildWarehouse(core.bus);
    const { transfer } = await must(core.bus, 'transfer.create', { from: from.code, to: to.code, lines: [{ sku: sku.sku, quantity: 6 }] });
    expect(transfer.status).toBe('in_transit');
    expect(await levelOf(sku.sku, from.code)).toMatchObject({ onHand: 4 });
    expect(await levelOf(sku.sku, to.code)).toMatchObject({ onHand: 0, inTransit: 6, available: 0, availableToPromise: 6 });
    const partial = await must(core.bus, 'transfer.receive', { id: transfer.id, lines: [{ sku: sku.sku, quantity: 4 }] });
    expect(partial.transfer.status).toBe('partially_received');
    const over = await run('transfer.receive', { id: transfer.id, lines: [{ sku: sku.sku, quantity: 3 }] });
    expect(over.outcome).toMatchObject({ ok: false, code: 'transfer_over_receipt' });
    const rest = await must(core.bus, 'transfer.receive', { id: transfer.id });
    expect(rest.transfer.status).toBe('received');
    expect(await levelOf(sku.sku, to.code)).toMatchObject({ onHand: 6, inTransit: 0 });
    const tooMuch = await run('transfer.create', { from: from.code, to: to.code, lines: [{ sku: sku.sku, quantity: 5 }] });
    expect(tooMuch.outcome).toMatchObject({ ok: false, code: 'insufficient_stock' });
  });

  it('ships a transfer of several lines, two of one SKU, in line order, and refuses one whose lines do not all fit with what each leaves available', async () => {
    const { sku: a, warehouse: from } = await buildStocked(core.bus, 6);
    const b = await buildSku(core.bus);
    await must(core.bus, 'stock.receive', { warehouse: from.code, lines: [{ sku: b.sku, quantity: 2 }] });
    const to = await buildWarehouse(core.bus);
    await must(core.bus, 'stock.settings', { sku: a.sku, warehouse: from.code, settings: { safetyStock: 1 } });

    // A has 5 available (6 on hand, safety stock 1): its first line leaves 2, its second asks for 3.
    const short = await run('transfer.create', { from: from.code, to: to.code, lines: [{ sku: b.sku, quantity: 3 }, { sku: a.sku, quantity: 3 }, { sku: a.sku, quantity: 3 }] });
    expect(short.outcome).toMatchObject({
      ok: false,
      code: 'insufficient_stock',
      details: { lines: expect.arrayContaining([{ sku: a.sku, warehouse: from.code, requested: 3, available: 2 }, { sku: b.sku, warehouse: from.code, requested: 3, available: 2 }]) },
    });
    expect(await levelOf(a.sku, from.code)).toMatchObject({ onHand: 6, available: 5 });
    expect(await levelOf(a.sku, to.code)).toBeUndefined();

    const shipped = await must(core.bus, 'transfer.create', { from: from.code, to: to.code, lines: [{ sku: a.sku, quantity: 2 }, { sku: b.sku, quantity: 2 }, { sku: a.sku, quantity: 3 }] });
    expect(shipped.transfer.lines.map((l) => [l.sku, l.quantity])).toEqual([[a.sku, 2], [b.sku, 2], [a.sku, 3]]);
    expect(await levelOf(a.sku, from.code)).toMatchObject({ onHand: 1, available: 0 });
    expect(await levelOf(b.sku, from.code)).toMatchObject({ onHand: 0 });
    expect(await levelOf(a.sku, to.code)).toMatchObject({ onHand: 0, inTransit: 5 });
    expect(await levelOf(b.sku, to.code)).toMatchObject({ inTransit: 2 });
    // Each line's units leave the source and enter the destination's inTransit, the lines in SKU order.
    const [first, second] = [a.sku, b.sku].sort();
    expect(shipped.movements.map((m) => [m.sku, m.warehouse, m.deltas.onHand, m.deltas.inTransit])).toEqual(
      [first, second].flatMap((sku) =>
        (sku === a.sku ? [2, 3] : [2]).flatMap((q) => [
          [sku, from.code, -q, 0],
          [sku, to.code, 0, q],
        ]),
      ),
    );

    // Received in part: 4 units of A fill its lines in order (2 of 2, then 2 of 3), then the rest.
    const part = await must(core.bus, 'transfer.receive', { id: shipped.transfer.id, lines: [{ sku: a.sku, quantity: 4 }] });
    expect(part.transfer).toMatchObject({ status: 'partially_received', lines: [{ received: 2 }, { received: 0 }, { received: 2 }] });
    expect(await levelOf(a.sku, to.code)).toMatchObject({ onHand: 4, inTransit: 1 });
    const rest = await must(core.bus, 'transfer.receive', { id: shipped.transfer.id });
    expect(rest.transfer).toMatchObject({ status: 'received', lines: [{ received: 2 }, { received: 2 }, { received: 3 }] });
    expect(rest.movements.map((m) => [m.sku, m.deltas.onHand, m.deltas.inTransit])).toEqual([first, second].map((sku) => (sku === a.sku ? [a.sku, 1, -1] : [b.sku, 2, -2])));
    expect(await levelOf(a.sku, to.code)).toMatchObject({ onHand: 5, inTransit: 0 });
    expect(await levelOf(b.sku, to.code)).toMatchObject({ onHand: 2, inTransit: 0 });
    expect(await core.queries.transfer(shipped.transfer.id)).toMatchObject({ ok: true, value: { status: 'received', lines: [{ received: 2 }, { received: 2 }, { received: 3 }] } });
  });

  it('takes returns back as resellable or damaged', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 0);
    await must(core.bus, 'stock.return', {
      warehouse: warehouse.code,
      lines: [
        { sku: sku.sku, quantity: 2, condition: 'resellable' },
        { sku: sku.sku, quantity: 1, condition: 'damaged' },
      ],
    });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ onHand: 3, damaged: 1, available: 2 });
  });

  it('keeps safety stock out of available', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 10);
    await must(core.bus, 'stock.settings', { sku: sku.sku, warehouse: warehouse.code, settings: { safetyStock: 4, reorderPoint: 8 } });
    expect(await levelOf(sku.sku, warehouse.code)).toMatchObject({ available: 6, safetyStock: 4 });
    const refused = await run('reservation.create', { reference: 'x', lines: [{ sku: sku.sku, quantity: 7 }] });
    expect(refused.outcome).toMatchObject({ ok: false, code: 'insufficient_stock' });
    const low = await core.queries.stockList({ warehouse: warehouse.code, belowReorderPoint: true }, undefined, 10);
    expect(low.ok && low.value.items.map((l) => l.sku)).toEqual([sku.sku]);
  });

  it('archives a SKU only when it holds nothing', async () => {
    const { sku, warehouse } = await buildStocked(core.bus, 1);
    const refused = await run('sku.archive', { sku: sku.sku });
    expect(refused.outcome).toMatchObject({ ok: false, code: 'sku_has_stock' });
    await must(core.bus, 'stock.adjust', { warehouse: warehouse.code, sku: sku.sku, quantity: -1, reason: 'shrinkage' });
    const archived = await must(core.bus, 'sku.archive', { sku: sku.sku });
    expect(archived.archived).toBe(true);
    const receipt = await run('stock.receive', { warehouse: warehouse.code, lines: [{ sku: sku.sku, quantity: 1 }] });
    expect(receipt.outcome).toMatchObject({ ok: false, code: 'sku_archived' });
  });

  it('refuses duplicate SKU codes and barcodes', async () => {
    const sku = await buildSku(core.bus, { barcode: `BC${Date.now()}${kind}` });
    expect((await run('sku.create', { sku: sku.sku, name: 'again' })).outcome).toMatchObject({ ok: false, code: 'sku_exists' });
    expect((await run('sku.create', { sku: `${sku.sku}-2`, name: 'again', barcode: sku.barcode })).outcome).toMatchObject({ ok: false, code: 'barcode_exists' });
  });
});
