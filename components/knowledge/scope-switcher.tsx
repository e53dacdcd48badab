import Link from "next/link";

export interface ScopeOption {
  roomId: string | null;
  label: string;
}

/** Personal knowledge or one of the user's rooms; keeps the current sub-page. */
export function ScopeSwitcher({ options, current, basePath }: { options: ScopeOption[]; current: string | null; basePath: string }) {
  return (
    <nav className="kn-scopes" aria-label="Knowledge scope">
      {options.map((option) => {
        const href = option.roomId ? `${basePath}?room=${encodeURIComponent(option.roomId)}` : basePath;
        const active = option.roomId === current;
        return (
          <Link key={option.roomId ?? "personal"} href={href} className={`kn-scope${active ? " kn-scope-active" : ""}`} aria-current={active ? "page" : undefined}>
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
