"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="status-page">
      <div>
        <p className="code">500</p>
        <h1>Something went wrong</h1>
        <p className="muted">
          The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.
        </p>
        <button className="btn btn-secondary" type="button" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
