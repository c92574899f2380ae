/** The URL and event-type fields of a webhook, shared by the new-webhook and edit forms. */
import { TextField } from '../../../components/ui';
import type { NewWebhook } from '../api/create-webhook';

export type EventType = NonNullable<NewWebhook['types']>[number];

export const eventTypes: EventType[] = [
  'stock.changed', 'stock.out_of_stock', 'stock.back_in_stock', 'stock.low', 'stock.below_safety', 'reservation.created', 'reservation.confirmed',
  'reservation.released', 'reservation.expired', 'reservation.fulfilled', 'reservation.extended', 'transfer.shipped', 'transfer.received',
  'sku.created', 'sku.updated', 'sku.archived', 'warehouse.created', 'warehouse.updated', 'webhook.disabled',
];

export const isEventType = (t: string): t is EventType => (eventTypes as string[]).includes(t);

export const WebhookFields = ({ url, onUrl, types, onTypes }: { url: string; onUrl: (url: string) => void; types: EventType[]; onTypes: (types: EventType[]) => void }) => (
  <>
    <TextField label="URL" type="url" value={url} onChange={(e) => onUrl(e.target.value)} required placeholder="https://example.com/stockroom" />
    <fieldset>
      <legend>Events (none ticked: every event)</legend>
      <div className="form-row">
        {eventTypes.map((t) => (
          <label key={t} className="checkbox">
            <input type="checkbox" checked={types.includes(t)} onChange={(e) => onTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))} /> <span className="code">{t}</span>
          </label>
        ))}
      </div>
    </fieldset>
  </>
);
