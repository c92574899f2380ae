/** CSV import: choose a file, see every line's problem before sending, then a progress bar and the outcome. */
import { useRef, useState } from 'react';
import { Button, Card, ErrorNote, Field, SuccessNote } from '../../../components/ui';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../../../lib/query-keys';
import { useErrorText } from '../../../lib/warehouses';
import { type LineResult, importSkus } from '../api/import-skus';
import { type PlannedLine, planImport, skuColumns } from '../csv';

const readText = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsText(file);
  });

export const CsvImport = ({ onClose }: { onClose: () => void }) => {
  const errorText = useErrorText();
  const client = useQueryClient();
  const [plan, setPlan] = useState<{ lines: PlannedLine[]; headerProblem?: string } | null>(null);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<LineResult[] | null>(null);
  const abort = useRef<AbortController | null>(null);

  const valid = plan?.lines.filter((l): l is Extract<PlannedLine, { ok: true }> => l.ok) ?? [];
  const invalid = plan?.lines.filter((l): l is Extract<PlannedLine, { ok: false }> => !l.ok) ?? [];

  const read = async (file: File | undefined) => {
    setResults(null);
    setDone(0);
    if (!file) return setPlan(null);
    if (file.size > 20 * 1024 * 1024) return setPlan({ lines: [], headerProblem: 'The file is larger than 20 MB: split it, or use `stockroom import skus`.' });
    setPlan(planImport(await readText(file)));
  };

  const start = async () => {
    abort.current = new AbortController();
    setRunning(true);
    setDone(0);
    try {
      setResults(await importSkus(valid, (n) => setDone(n), abort.current.signal));
    } finally {
      setRunning(false);
      void client.invalidateQueries({ queryKey: keys.catalogAll });
    }
  };

  const failed = results?.filter((r) => r.outcome === 'failed') ?? [];
  return (
    <Card title="Import SKUs from CSV" actions={<Button variant="ghost" onClick={onClose}>Close</Button>}>
      <p className="hint">
        Columns: <span className="code">{skuColumns.join(', ')}</span> (sku and name required; attributes as <span className="code">key=value;key=value</span>). Existing SKUs are updated.
      </p>
      <Field label="CSV file">{(props) => <input {...props} type="file" accept=".csv,text/csv" onChange={(e) => void read(e.target.files?.[0])} disabled={running} />}</Field>
      <ErrorNote>{plan?.headerProblem}</ErrorNote>
      {plan && !plan.headerProblem && (
        <>
          <p role="status">
            {valid.length.toLocaleString()} line{valid.length === 1 ? '' : 's'} ready{invalid.length > 0 ? `, ${invalid.length.toLocaleString()} with problems (they will be skipped)` : ''}.
          </p>
          {invalid.length > 0 && (
            <div className="table-wrap">
              <table className="data" aria-label="Lines with problems">
                <thead>
                  <tr>
                    <th>Line</th>
                    <th>Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {invalid.slice(0, 200).map((l) => (
                    <tr key={l.line}>
                      <td>{l.line}</td>
                      <td>{l.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(running || results) && (
            <div>
              <label htmlFor="import-progress">
                Imported {done.toLocaleString()} of {valid.length.toLocaleString()}
              </label>
              <progress id="import-progress" className="progress" max={valid.length} value={done} />
            </div>
          )}
          <div className="actions">
            {!results && (
              <Button variant="primary" onClick={() => void start()} busy={running} disabled={valid.length === 0}>
                Import {valid.length.toLocaleString()} SKU{valid.length === 1 ? '' : 's'}
              </Button>
            )}
            {running && <Button onClick={() => abort.current?.abort()}>Stop</Button>}
          </div>
          {results && (
            <SuccessNote>
              {results.filter((r) => r.outcome === 'created').length} created, {results.filter((r) => r.outcome === 'updated').length} updated, {failed.length} refused.
            </SuccessNote>
          )}
          {failed.length > 0 && (
            <ul aria-label="Refused lines">
              {failed.slice(0, 200).map((r) => (
                <li key={r.line}>
                  Line {r.line} ({r.sku}): {errorText(r.error)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
};
