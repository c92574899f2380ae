/** Small shared building blocks: plain elements with the classes of styles.css. */
import { LoaderCircle } from 'lucide-react';
import { humanize } from '../lib/format';
import { type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useEffect, useId } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

export const Button = ({ variant = 'secondary', busy = false, big = false, children, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean; big?: boolean }) => (
  <button type="button" {...rest} className={`btn btn-${variant}${big ? ' btn-big' : ''}${className ? ` ${className}` : ''}`} disabled={rest.disabled || busy} aria-busy={busy || undefined}>
    {busy && <LoaderCircle className="spin" size={16} aria-hidden="true" />}
    {children}
  </button>
);

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A labelled field: the label, the control (render prop), a hint and an error, wired for screen readers. */
export const Field = ({ label, hint, error, children }: FieldProps) => {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(describedBy && { 'aria-describedby': describedBy }), ...(error && { 'aria-invalid': true }) })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
};

export const TextField = ({ label, hint, error, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string | undefined }) => (
  <Field label={label} hint={hint} error={error}>
    {(props) => <input {...input} {...props} />}
  </Field>
);

export const SelectField = ({ label, hint, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: ReactNode }) => (
  <Field label={label} hint={hint}>
    {(props) => (
      <select {...select} {...props}>
        {children}
      </select>
    )}
  </Field>
);

/** An error for people, announced to screen readers. */
export const ErrorNote = ({ children }: { children: ReactNode }) =>
  children ? (
    <div className="note note-error" role="alert">
      {children}
    </div>
  ) : null;

export const SuccessNote = ({ children }: { children: ReactNode }) =>
  children ? (
    <div className="note note-success" role="status">
      {children}
    </div>
  ) : null;

export const Loading = ({ label = 'Loading…' }: { label?: string }) => (
  <p className="loading" role="status">
    <LoaderCircle className="spin" size={18} aria-hidden="true" /> {label}
  </p>
);

export const PageHeader = ({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) => {
  useEffect(() => {
    document.title = `${title} · Stockroom`;
  }, [title]);
  return (
  <header className="page-header">
    <div>
      <h1>{title}</h1>
      {children}
    </div>
    {actions && <div className="page-actions">{actions}</div>}
  </header>
  );
};

export const Card = ({ title, children, actions, className, id }: { title?: string; children: ReactNode; actions?: ReactNode; className?: string; id?: string }) => (
  <section className={`card${className ? ` ${className}` : ''}`} aria-label={title} id={id}>
    {(title || actions) && (
      <div className="card-head">
        {title && <h2>{title}</h2>}
        {actions}
      </div>
    )}
    {children}
  </section>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

const statusText = { in_stock: 'In stock', low_stock: 'Low stock', out_of_stock: 'Out of stock' } as const;

export const StockBadge = ({ status }: { status: keyof typeof statusText }) => <span className={`badge badge-${status}`}>{statusText[status]}</span>;

export const StatusBadge = ({ status, label }: { status: string; label?: string }) => <span className={`badge badge-${status}`}>{label ?? humanize(status)}</span>;
