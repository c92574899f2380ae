/** Warehouses: list, create, rename, switch on and off (for roles that may). */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, StatusBadge, TextField } from '../../../components/ui';
import { useCan } from '../../../lib/session';
import { useErrorText } from '../../../lib/warehouses';
import { useCreateWarehouse } from '../api/create-warehouse';
import { useWarehouses } from '../api/list-warehouses';
import { useUpdateWarehouse } from '../api/update-warehouse';

const CreateForm = ({ onDone }: { onDone: () => void }) => {
  const create = useCreateWarehouse();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ code: code.trim(), name: name.trim(), ...(address.trim() && { address: address.trim() }) }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label="New warehouse">
      <div className="form-row">
        <TextField label="Code" value={code} onChange={(e) => setCode(e.target.value)} required pattern="[A-Za-z0-9._\-]{1,64}" hint="Short and permanent, e.g. BER-1" />
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <TextField label="Address (optional)" value={address} onChange={(e) => setAddress(e.target.value)} />
      <ErrorNote>{create.error ? errorText(create.error) : null}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create warehouse
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
};

export const WarehousesPage = () => {
  const warehouses = useWarehouses();
  const update = useUpdateWarehouse();
  const can = useCan();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  return (
    <>
      <PageHeader title="Warehouses" actions={can('warehouses.write') && !creating ? <Button variant="primary" onClick={() => setCreating(true)}>New warehouse</Button> : null} />
      {creating && (
        <Card title="New warehouse">
          <CreateForm onDone={() => setCreating(false)} />
        </Card>
      )}
      <Card>
        <ErrorNote>{warehouses.error ? errorText(warehouses.error) : update.error ? errorText(update.error) : null}</ErrorNote>
        {warehouses.isPending ? (
          <Loading />
        ) : !warehouses.data?.length ? (
          <Empty>No warehouses yet.</Empty>
        ) : (
          <ul className="list">
            {warehouses.data.map((w) => (
              <li key={w.code} className="row">
                <span className="row-main">
                  {renaming?.code === w.code ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        update.mutate({ code: w.code, changes: { name: renaming.name.trim() } }, { onSuccess: () => setRenaming(null) });
                      }}
                    >
                      <TextField label={`New name for ${w.code}`} value={renaming.name} onChange={(e) => setRenaming({ code: w.code, name: e.target.value })} autoFocus />
                      <Button type="submit" variant="primary" busy={update.isPending}>
                        Save
                      </Button>{' '}
                      <Button onClick={() => setRenaming(null)}>Cancel</Button>
                    </form>
                  ) : (
                    <>
                      <strong>{w.name}</strong> <span className="code">{w.code}</span>
                      <br />
                      <span className="sub">{w.address ?? 'No address'}</span> · <Link to={`/catalog?warehouse=${encodeURIComponent(w.code)}`}>Stock</Link>
                    </>
                  )}
                </span>
                <span className="actions">
                  <StatusBadge status={w.active ? 'active-user' : 'disabled'} label={w.active ? 'Active' : 'Inactive'} />
                  {can('warehouses.write') && renaming?.code !== w.code && (
                    <>
                      <Button variant="ghost" onClick={() => setRenaming({ code: w.code, name: w.name })}>
                        Rename<span className="sr-only"> {w.name}</span>
                      </Button>
                      <Button variant="ghost" onClick={() => update.mutate({ code: w.code, changes: { active: !w.active } })}>
                        {w.active ? 'Deactivate' : 'Activate'}
                        <span className="sr-only"> {w.name}</span>
                      </Button>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
};
