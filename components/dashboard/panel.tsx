"use client";

import type { ReactNode } from "react";

interface PanelProps {
  title: string;
  subtitle?: string;
  csv?: string;
  loading: boolean;
  error?: Error | null;
  /** Why there is nothing to show; the panel shows it instead of an empty chart. */
  empty?: string | false;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A dashboard card: title, CSV export, and loading/error/empty states that say why. */
export function Panel({ title, subtitle, csv, loading, error, empty, actions, children, testId }: PanelProps) {
  return (
    <section className="dash-panel" data-testid={testId}>
      <header className="dash-panel-head">
        <div>
          <h2>{title}</h2>
          {subtitle && <p className="dash-sub">{subtitle}</p>}
        </div>
        <div className="dash-panel-actions">
          {actions}
          {csv && (
            <a className="btn btn-secondary btn-small" href={csv} download data-testid={testId ? `${testId}-csv` : undefined}>
              Export CSV
            </a>
          )}
        </div>
      </header>
      {error ? (
        <p className="dash-empty dash-error">Could not load: {error.message}</p>
      ) : loading ? (
        <p className="dash-empty">Loading…</p>
      ) : empty ? (
        <p className="dash-empty">{empty}</p>
      ) : (
        children
      )}
    </section>
  );
}
