import Link from "next/link";

export default function NotFound() {
  return (
    <main className="status-page">
      <div>
        <p className="code">404</p>
        <h1>Page not found</h1>
        <p className="muted">It may have been moved, or you may not have access to it.</p>
        <Link className="btn btn-secondary" href="/">
          Back to home
        </Link>
      </div>
    </main>
  );
}
