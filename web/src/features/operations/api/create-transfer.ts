/** POST /v1/transfers: ship stock to another warehouse. */
import { useMutation } from '@tanstack/react-query';
import { api, newIdempotencyKey, unwrap } from '../../../lib/api';

export interface TransferInput {
  from: string;
  to: string;
  reference?: string;
  lines: Array<{ sku: string; quantity: number }>;
}

export const createTransfer = (input: TransferInput, idempotencyKey: string) => unwrap(api.POST('/v1/transfers', { body: input, headers: { 'idempotency-key': idempotencyKey } }));

export const useCreateTransfer = () => useMutation({ mutationFn: (input: TransferInput) => createTransfer(input, newIdempotencyKey()) });
