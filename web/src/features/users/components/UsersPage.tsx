/** Users (admin): invite with a role and warehouses, change role, disable, reset the password. */
import { type FormEvent, useState } from 'react';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, SelectField, StatusBadge, TextField } from '../../../components/ui';
import { useCan, useSession } from '../../../lib/session';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useCreateUser } from '../api/create-user';
import { useUsers } from '../api/list-users';
import { type Role, roles, type User } from '../api/types';
import { useUpdateUser } from '../api/update-user';
import { WarehouseChoice } from './WarehouseChoice';

const UserForm = ({ user, onDone }: { user?: User; onDone: () => void }) => {
  const create = useCreateUser();
  const update = useUpdateUser();
  const errorText = useErrorText();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'staff');
  const [warehouses, setWarehouses] = useState<string[]>(user?.warehouses ?? []);
  const [password, setPassword] = useState('');
  const mutation = user ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (user) update.mutate({ id: user.id, changes: { name, role, warehouses, ...(password && { password }) } }, { onSuccess: onDone });
    else create.mutate({ email, name, role, warehouses, password }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label={user ? `Edit ${user.name}` : 'New user'}>
      <div className="form-row">
        <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" disabled={Boolean(user)} hint={user ? 'An email never changes; create a new user instead.' : undefined} />
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="form-row">
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          label={user ? 'New password (optional)' : 'Password'}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required={!user}
          autoComplete="new-password"
          hint="At least 12 characters, not your name or email."
        />
      </div>
      <WarehouseChoice legend={role === 'staff' ? 'Warehouses (staff work only here)' : 'Limit to warehouses (none: all)'} value={warehouses} onChange={setWarehouses} />
      <ErrorNote>{mutation.error ? errorText(mutation.error) : null}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {user ? 'Save' : 'Create user'}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
};

export const UsersPage = () => {
  const users = useUsers();
  const update = useUpdateUser();
  const can = useCan();
  const me = useSession().user;
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  return (
    <>
      <PageHeader title="Users" actions={can('users.write') && editing === null ? <Button variant="primary" onClick={() => setEditing('new')}>New user</Button> : null} />
      {editing && (
        <Card title={editing === 'new' ? 'New user' : `Edit ${editing.name}`}>
          <UserForm user={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        </Card>
      )}
      <Card>
        {users.isPending ? (
          <Loading />
        ) : users.error ? (
          <ErrorNote>{errorText(users.error)}</ErrorNote>
        ) : users.data.items.length === 0 ? (
          <Empty>No users.</Empty>
        ) : (
          <ul className="list">
            {users.data.items.map((u) => (
              <li key={u.id} className="row">
                <span className="row-main">
                  <strong>{u.name}</strong> <span className="sub">{u.email}</span>
                  <br />
                  <span className="sub">
                    {u.role}
                    {u.warehouses.length > 0 ? ` · ${u.warehouses.map(warehouseName).join(', ')}` : ''}
                  </span>
                </span>
                <span className="actions">
                  <StatusBadge status={u.status === 'active' ? 'active-user' : 'disabled'} label={u.status} />
                  {can('users.write') && (
                    <>
                      <Button variant="ghost" onClick={() => setEditing(u)}>
                        Edit<span className="sr-only"> {u.name}</span>
                      </Button>
                      {u.id !== me.id && (
                        <Button variant="ghost" onClick={() => update.mutate({ id: u.id, changes: { status: u.status === 'active' ? 'disabled' : 'active' } })}>
                          {u.status === 'active' ? 'Disable' : 'Enable'}
                          <span className="sr-only"> {u.name}</span>
                        </Button>
                      )}
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
        <ErrorNote>{update.error ? errorText(update.error) : null}</ErrorNote>
      </Card>
    </>
  );
};
