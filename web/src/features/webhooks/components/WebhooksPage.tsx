/** Webhooks (admin): endpoints, their health, and a form to add one (its secret is shown once). */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader } from '../../../components/ui';
import { useCan } from '../../../lib/session';
import { useErrorText } from '../../../lib/warehouses';
import { useCreateWebhook } from '../api/create-webhook';
import { useWebhooks } from '../api/list-webhooks';
import { type EventType, WebhookFields } from './WebhookFields';

const CreateWebhook = ({ onDone }: { onDone: () => void }) => {
  const create = useCreateWebhook();
  const errorText = useErrorText();
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<EventType[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ url: url.trim(), types });
  };
  if (create.data)
    return (
      <>
        <p>Signing secret — store it now to verify signatures; it is not shown again:</p>
        <p className="secret code">{create.data.secret}</p>
        <Button onClick={onDone}>Done</Button>
      </>
    );
  return (
    <form onSubmit={submit} aria-label="New webhook">
      <WebhookFields url={url} onUrl={setUrl} types={types} onTypes={setTypes} />
      <ErrorNote>{create.error ? errorText(create.error) : null}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Add webhook
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
};

export const WebhooksPage = () => {
  const webhooks = useWebhooks();
  const can = useCan();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="Webhooks" actions={can('webhooks.write') && !creating ? <Button variant="primary" onClick={() => setCreating(true)}>New webhook</Button> : null} />
      {creating && (
        <Card title="New webhook">
          <CreateWebhook onDone={() => setCreating(false)} />
        </Card>
      )}
      <Card>
        {webhooks.isPending ? (
          <Loading />
        ) : webhooks.error ? (
          <ErrorNote>{errorText(webhooks.error)}</ErrorNote>
        ) : webhooks.data.items.length === 0 ? (
          <Empty>No webhooks. Add one to push events to another system.</Empty>
        ) : (
          <ul className="list">
            {webhooks.data.items.map((w) => (
              <li key={w.id}>
                <Link className="row" to={`/webhooks/${w.id}`}>
                  <span className="row-main">
                    <span className="code">{w.url}</span>
                    <br />
                    <span className="sub">
                      {w.types.length === 0 ? 'every event' : w.types.join(', ')}
                      {w.consecutiveFailures > 0 ? ` · ${w.consecutiveFailures} failures in a row` : ''}
                    </span>
                  </span>
                  <span className={`badge badge-${w.active ? 'succeeded' : 'dead'}`}>{w.active ? 'on' : 'off'}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
};
