"use client";

import { useEffect, useState } from "react";
import { formatNumber } from "./buckets";

interface Counters {
  at: string;
  activeUsers: number | null;
  openSessions: number | null;
  chatTurnsToday: number;
  errorsLastHour: number;
}

/** The counters at the top, pushed by the server over an EventSource (it reconnects by itself). */
export function LiveCounters({ admin }: { admin: boolean }) {
  const [counters, setCounters] = useState<Counters | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource("/api/analytics/live");
    source.addEventListener("counters", (e) => {
      setCounters(JSON.parse((e as MessageEvent<string>).data) as Counters);
      setConnected(true);
    });
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  const value = (n: number | null | undefined) => (n === null || n === undefined ? "—" : formatNumber(n));
  const cards = [
    ...(admin
      ? [
          { key: "active-users", label: "Active users now", value: value(counters?.activeUsers), hint: "signed in within 5 min" },
          {
            key: "open-sessions",
            label: "Open collaboration sessions",
            value: counters && counters.openSessions === null ? "offline" : value(counters?.openSessions),
            hint: "live editor connections",
          },
        ]
      : []),
    { key: "turns-today", label: admin ? "Chat turns today" : "Your chat turns today", value: value(counters?.chatTurnsToday), hint: "since 00:00 UTC" },
    { key: "errors-hour", label: admin ? "Errors in the last hour" : "Your errors in the last hour", value: value(counters?.errorsLastHour), hint: "chat and ingestion" },
  ];
  return (
    <div className="dash-counters" aria-live="polite">
      {cards.map((c) => (
        <div key={c.key} className="dash-counter" data-testid={`live-${c.key}`}>
          <div className="dash-counter-label">{c.label}</div>
          <div className="dash-counter-value">{c.value}</div>
          <div className="dash-counter-hint">
            <span className={`dash-dot ${connected ? "on" : ""}`} /> {connected ? "live" : "connecting…"} · {c.hint}
          </div>
        </div>
      ))}
    </div>
  );
}
