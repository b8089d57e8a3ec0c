// Small presentational pieces every screen uses: panels, figures, badges, notes, progress.
import type { ReactNode } from 'react';
import { num } from '../lib/format.ts';
import { hrefFor, type RouteParams, type Screen } from '../state/router.ts';

export function Panel({ title, actions, children, className }: { title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-label={title}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

export function Figure({ label, value, hint, tone }: { label: string; value: number | string | null; hint?: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className={`figure${tone ? ` ${tone}` : ''}`} title={hint}>
      <div className="figure-value">{typeof value === 'number' ? num(value) : (value ?? '—')}</div>
      <div className="figure-label">{label}</div>
    </div>
  );
}

export function Badge({ kind, children }: { kind: string; children?: ReactNode }) {
  return <span className={`badge badge-${kind.replace(/[^a-z0-9-]/gi, '')}`}>{children ?? kind}</span>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ message }: { message: string }) {
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

export function Link({
  to,
  arg,
  params,
  children,
  className,
  title,
}: {
  to: Screen;
  arg?: string | null;
  params?: RouteParams;
  children: ReactNode;
  className?: string;
  title?: string;
}) {
  return (
    <a href={hrefFor(to, arg, params)} className={className} title={title}>
      {children}
    </a>
  );
}

export function ProgressBar({ value, label }: { value: number | null; label: string }) {
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value === null ? undefined : Math.round(value * 100)}
    >
      <div className={`progress-fill${value === null ? ' indeterminate' : ''}`} style={{ width: `${Math.round((value ?? 0.3) * 100)}%` }} />
    </div>
  );
}

export function KeyValues({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="kv">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v ?? <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
