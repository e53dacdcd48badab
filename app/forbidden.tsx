import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="status-page">
      <div>
        <p className="code">403</p>
        <h1>You don&apos;t have access to this page</h1>
        <p className="muted">Ask a workspace admin if you think you should.</p>
        <Link className="btn btn-secondary" href="/">
          Back to home
        </Link>
      </div>
    </main>
  );
}
