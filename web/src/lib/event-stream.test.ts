import { describe, expect, it } from 'vitest';
import { parseSse } from './event-stream';

describe('parseSse', () => {
  it('splits complete events, skips comments, keeps the unfinished rest', () => {
    const { events, rest } = parseSse(': stockroom event stream\n\nid: 7\nevent: stock.changed\ndata: {"id":7}\n\n: ping\n\nid: 8\nevent: sku.created\ndata: {"id"');
    expect(events).toEqual([{ id: '7', event: 'stock.changed', data: '{"id":7}' }]);
    expect(rest).toBe('id: 8\nevent: sku.created\ndata: {"id"');
  });
});
