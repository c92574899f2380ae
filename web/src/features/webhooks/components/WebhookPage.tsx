/** One webhook: edit its URL and events, switch on/off, delete, and its delivery history by status with retry. */
import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, StatusBadge } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText } from '../../../lib/warehouses';
import { useDeleteWebhook } from '../api/delete-webhook';
import { useWebhook } from '../api/get-webhook';
import { type DeliveryStatus, useDeliveries } from '../api/list-deliveries';
import { useRetryDelivery } from '../api/retry-delivery';
import { useUpdateWebhook } from '../api/update-webhook';
import { type EventType, isEventType, WebhookFields } from './WebhookFields';

const EditWebhook = ({ id, url: currentUrl, types: currentTypes, onDone }: { id: string; url: string; types: EventType[]; onDone: () => void }) => {
  const update = useUpdateWebhook();
  const errorText = useErrorText();
  const [url, setUrl] = useState(currentUrl);
  const [types, setTypes] = useState(currentTypes);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id, changes: { ...(url.trim() !== currentUrl && { url: url.trim() }), types } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label="Edit webhook">
      <WebhookFields url={url} onUrl={setUrl} types={types} onTypes={setTypes} />
      <ErrorNote>{update.error ? errorText(update.error) : null}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
};

export const WebhookPage = () => {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const webhook = useWebhook(id);
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const deliveries = useDeliveries(id, status || undefined);
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const retry = useRetryDelivery(id);
  const [editing, setEditing] = useState(false);
  const can = useCan();
  const errorText = useErrorText();
  if (webhook.isPending) return <Loading />;
  if (webhook.error) return <ErrorNote>{errorText(webhook.error)}</ErrorNote>;
  const w = webhook.data;
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  const error = update.error ?? remove.error ?? retry.error;
  return (
    <>
      <PageHeader title="Webhook">
        <p className="code">{w.url}</p>
      </PageHeader>
      {editing && (
        <Card title="Edit webhook">
          <EditWebhook id={id} url={w.url} types={w.types.filter(isEventType)} onDone={() => setEditing(false)} />
        </Card>
      )}
      <Card title="Endpoint">
        <dl className="kv">
          <dt>Status</dt>
          <dd>{w.active ? 'on' : `off${w.disabledReason ? ` — ${w.disabledReason}` : ''}`}</dd>
          <dt>Events</dt>
          <dd>{w.types.length === 0 ? 'every event' : w.types.join(', ')}</dd>
          <dt>Failures in a row</dt>
          <dd>
            {w.consecutiveFailures}
            {w.failingSince ? ` since ${formatDateTime(w.failingSince)}` : ''}
          </dd>
        </dl>
        <ErrorNote>{error ? errorText(error) : null}</ErrorNote>
        {can('webhooks.write') && (
          <div className="actions">
            {!editing && <Button onClick={() => setEditing(true)}>Edit</Button>}
            <Button busy={update.isPending} onClick={() => update.mutate({ id, changes: { active: !w.active } })}>
              {w.active ? 'Switch off' : 'Switch on'}
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => window.confirm('Delete this webhook and its delivery history?') && remove.mutate(id, { onSuccess: () => void navigate('/webhooks') })}>
              Delete
            </Button>
          </div>
        )}
      </Card>
      <Card title="Deliveries">
        <div className="tabs" role="group" aria-label="Delivery status">
          {(['', 'pending', 'succeeded', 'dead'] as const).map((s) => (
            <Button key={s || 'all'} aria-pressed={status === s} onClick={() => setStatus(s)}>
              {s || 'all'}
            </Button>
          ))}
        </div>
        {deliveries.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>No deliveries.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="data stack" aria-label="Deliveries">
              <thead>
                <tr>
                  <th>Event</th>
                  <th>Status</th>
                  <th className="num">Attempts</th>
                  <th>Last answer</th>
                  <th>Next attempt</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td data-label="Event">
                      <span className="code">{d.eventType}</span> #{d.eventId}
                      {d.sku ? ` · ${d.sku}` : ''}
                    </td>
                    <td data-label="Status">
                      <StatusBadge status={d.status} />
                    </td>
                    <td data-label="Attempts" className="num">
                      {d.attempts}
                    </td>
                    <td data-label="Last answer">
                      {d.lastStatusCode ?? d.lastError ?? '—'}
                      {d.lastLatencyMs !== null ? ` (${d.lastLatencyMs} ms)` : ''}
                    </td>
                    <td data-label="Next attempt">{d.nextAttemptAt && d.status === 'pending' ? formatDateTime(d.nextAttemptAt) : '—'}</td>
                    <td data-label="">
                      {d.status !== 'succeeded' && can('webhooks.write') && (
                        <Button variant="ghost" busy={retry.isPending && retry.variables === d.id} onClick={() => retry.mutate(d.id)}>
                          Send again
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {deliveries.hasNextPage && (
          <div className="actions">
            <Button onClick={() => void deliveries.fetchNextPage()} busy={deliveries.isFetchingNextPage}>
              Older deliveries
            </Button>
          </div>
        )}
      </Card>
    </>
  );
};
