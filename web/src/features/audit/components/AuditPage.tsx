/** The audit log: who did what, when, from where, with what outcome; filterable. */
import { useState } from 'react';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, SelectField, TextField } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { useErrorText } from '../../../lib/warehouses';
import { type AuditFilter, useAudit } from '../api/list-audit';

const empty: AuditFilter = { actor: '', action: '', entityType: '', entityId: '', outcome: '', since: '', until: '' };

/** "name: A → B, movements: 12, 13" from the entry's summary object. */
export const summaryText = (summary: Record<string, unknown>): string =>
  Object.entries(summary)
    .map(([key, value]) => {
      if (value && typeof value === 'object' && 'before' in value && 'after' in value) {
        const change = value as { before: unknown; after: unknown };
        return `${key}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`;
      }
      return `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join(', ')
    .slice(0, 300);

export const AuditPage = () => {
  const [draft, setDraft] = useState(empty);
  const [filter, setFilter] = useState(empty);
  const audit = useAudit(filter);
  const errorText = useErrorText();
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const field = (key: Exclude<keyof AuditFilter, 'outcome'>, label: string, type = 'text') => <TextField label={label} type={type} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />;
  return (
    <>
      <PageHeader title="Audit log" />
      <Card>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilter(draft);
          }}
          aria-label="Filter the audit log"
        >
          <div className="form-row form-row-3">
            {field('actor', 'Actor (user or key id)')}
            {field('action', 'Action')}
            {field('entityType', 'Entity type')}
            {field('entityId', 'Entity id')}
            {field('since', 'Since', 'datetime-local')}
            {field('until', 'Until', 'datetime-local')}
            <SelectField label="Outcome" value={draft.outcome} onChange={(e) => setDraft((d) => ({ ...d, outcome: e.target.value as AuditFilter['outcome'] }))}>
              <option value="">Any</option>
              <option value="ok">Done</option>
              <option value="denied">Denied</option>
              <option value="failed">Failed</option>
            </SelectField>
          </div>
          <div className="actions">
            <Button type="submit" variant="primary">
              Filter
            </Button>
            <Button
              onClick={() => {
                setDraft(empty);
                setFilter(empty);
              }}
            >
              Clear
            </Button>
          </div>
        </form>
      </Card>
      <Card>
        {audit.isPending ? (
          <Loading />
        ) : audit.error ? (
          <ErrorNote>{errorText(audit.error)}</ErrorNote>
        ) : items.length === 0 ? (
          <Empty>Nothing matches.</Empty>
        ) : (
          <div className="table-wrap">
            <table className="data stack" aria-label="Audit entries">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>What</th>
                  <th>Outcome</th>
                  <th>From</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When">{formatDateTime(e.at)}</td>
                    <td data-label="Who">
                      {e.actor.name} <span className="sub">({e.actor.type})</span>
                    </td>
                    <td data-label="What">
                      <span className="code">{e.action}</span> <span className="sub">{summaryText(e.summary)}</span>
                      {e.entity ? <span className="sub"> · {e.entity.type} {e.entity.id}</span> : null}
                    </td>
                    <td data-label="Outcome">
                      <span className={`badge badge-${e.outcome === 'ok' ? 'succeeded' : 'dead'}`}>{e.outcome === 'ok' ? 'done' : e.outcome}</span>
                    </td>
                    <td data-label="From" className="sub">
                      {e.ip ?? '—'}
                      {e.requestId ? ` · ${e.requestId}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {audit.hasNextPage && (
          <div className="actions">
            <Button onClick={() => void audit.fetchNextPage()} busy={audit.isFetchingNextPage}>
              Older entries
            </Button>
          </div>
        )}
      </Card>
    </>
  );
};
