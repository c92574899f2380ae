/** A reservation by id (res_…) or by the order's reference (GET /v1/reservations/{id} or ?reference=). */
import { api, ApiError, type Schemas, unwrap } from '../../../lib/api';

export const findReservation = async (text: string): Promise<Schemas['Reservation']> => {
  const value = text.trim();
  if (/^res_[0-9a-z]{26}$/.test(value)) return unwrap(api.GET('/v1/reservations/{id}', { params: { path: { id: value } } }));
  const page = await unwrap(api.GET('/v1/reservations', { params: { query: { reference: value, limit: 10 } } }));
  const open = page.items.find((r) => r.status === 'allocated' || r.status === 'partially_fulfilled') ?? page.items[0];
  if (!open) throw new ApiError(404, 'reservation_not_found', `No reservation ${value}`);
  return open;
};
