/** API keys (admin): create with a role, warehouses and expiry (the token is shown once), revoke. */
import { type FormEvent, useState } from 'react';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, SelectField, TextField } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText } from '../../../lib/warehouses';
import { useCreateApiKey } from '../api/create-api-key';
import { useApiKeys } from '../api/list-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { type Role, roles } from '../api/types';
import { WarehouseChoice } from './WarehouseChoice';

const CreateKey = ({ onDone }: { onDone: () => void }) => {
  const create = useCreateApiKey();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('integration');
  const [warehouses, setWarehouses] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), role, warehouses, ...(expires && { expiresAt: new Date(`${expires}T23:59:59`).toISOString() }) });
  };
  if (create.data) {
    const token = create.data.token;
    return token ? (
      <>
        <p>Copy this key now: it is not shown again.</p>
        <p className="secret code" data-testid="new-token">
          {token}
        </p>
        <Button onClick={() => void navigator.clipboard?.writeText(token)}>Copy</Button> <Button onClick={onDone}>Done</Button>
      </>
    ) : (
      <>
        <p>The key was created, but its secret cannot be shown again. Revoke it and create another.</p>
        <Button onClick={onDone}>Done</Button>
      </>
    );
  }
  return (
    <form onSubmit={submit} aria-label="New API key">
      <div className="form-row">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required hint="Who uses it, e.g. web-shop" />
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </SelectField>
      </div>
      <TextField label="Expires on (optional)" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      <WarehouseChoice legend="Limit to warehouses (none: all)" value={warehouses} onChange={setWarehouses} />
      <ErrorNote>{create.error ? errorText(create.error) : null}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create key
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
};

export const ApiKeysPage = () => {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const can = useCan();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="API keys" actions={can('api_keys.write') && !creating ? <Button variant="primary" onClick={() => setCreating(true)}>New API key</Button> : null} />
      {creating && (
        <Card title="New API key">
          <CreateKey onDone={() => setCreating(false)} />
        </Card>
      )}
      <Card>
        {keys.isPending ? (
          <Loading />
        ) : keys.error ? (
          <ErrorNote>{errorText(keys.error)}</ErrorNote>
        ) : keys.data.items.length === 0 ? (
          <Empty>No API keys.</Empty>
        ) : (
          <ul className="list">
            {keys.data.items.map((k) => (
              <li key={k.id} className="row">
                <span className="row-main">
                  <strong>{k.name}</strong> <span className="sub">{k.role}</span>
                  <br />
                  <span className="sub">
                    {k.warehouses.length > 0 ? `${k.warehouses.join(', ')} · ` : ''}created {formatDateTime(k.createdAt)}
                    {k.expiresAt ? ` · expires ${formatDateTime(k.expiresAt)}` : ''}
                    {k.lastUsedAt ? ` · last used ${formatDateTime(k.lastUsedAt)}` : ''}
                  </span>
                </span>
                {k.revokedAt ? (
                  <span className="badge badge-disabled">revoked</span>
                ) : (
                  can('api_keys.write') && (
                    <Button variant="danger" busy={revoke.isPending && revoke.variables === k.id} onClick={() => window.confirm(`Revoke “${k.name}”? Programs using it stop working.`) && revoke.mutate(k.id)}>
                      Revoke<span className="sr-only"> {k.name}</span>
                    </Button>
                  )
                )}
              </li>
            ))}
          </ul>
        )}
        <ErrorNote>{revoke.error ? errorText(revoke.error) : null}</ErrorNote>
      </Card>
    </>
  );
};
