"use client";

import { useState } from "react";
import { useScopeOptions, type DashboardParams, type RangeKey, type ScopeKind } from "./query";

const RANGES: { key: RangeKey; label: string }[] = [
  { key: "24h", label: "24 h" },
  { key: "7d", label: "7 days" },
  { key: "30d", label: "30 days" },
  { key: "90d", label: "90 days" },
  { key: "custom", label: "Custom" },
];

const toInput = (iso: string) => iso.slice(0, 10);

export function RangePicker({ params, onChange }: { params: DashboardParams; onChange: (p: DashboardParams) => void }) {
  const [from, setFrom] = useState(() => toInput(params.from ?? new Date(Date.now() - 14 * 86_400_000).toISOString()));
  // The URL's `to` is exclusive (the next midnight); the picker shows the last included day.
  const [to, setTo] = useState(() => toInput(new Date((params.to ? Date.parse(params.to) : Date.now() + 86_400_000) - 86_400_000).toISOString()));
  const applyCustom = (f: string, t: string) => {
    if (!f || !t || f > t) return;
    onChange({ ...params, range: "custom", from: `${f}T00:00:00.000Z`, to: new Date(Date.parse(`${t}T00:00:00.000Z`) + 86_400_000).toISOString() });
  };
  return (
    <div className="dash-range" role="group" aria-label="Range">
      {RANGES.map((r) => (
        <button
          key={r.key}
          type="button"
          className={`dash-seg ${params.range === r.key ? "active" : ""}`}
          aria-pressed={params.range === r.key}
          onClick={() => (r.key === "custom" ? applyCustom(from, to) : onChange({ ...params, range: r.key, from: undefined, to: undefined }))}
        >
          {r.label}
        </button>
      ))}
      {params.range === "custom" && (
        <span className="dash-custom">
          <input type="date" aria-label="From (UTC)" value={from} max={to} onChange={(e) => { setFrom(e.target.value); applyCustom(e.target.value, to); }} />
          <span>to</span>
          <input type="date" aria-label="To (UTC, inclusive)" value={to} min={from} onChange={(e) => { setTo(e.target.value); applyCustom(from, e.target.value); }} />
        </span>
      )}
    </div>
  );
}

/** Admins: everyone, one user, one room or one model. Members: their own activity, optionally one room or model. */
export function ScopePicker({ params, admin, onChange }: { params: DashboardParams; admin: boolean; onChange: (p: DashboardParams) => void }) {
  const options = useScopeOptions();
  const kinds: { key: ScopeKind; label: string }[] = [
    { key: "all", label: admin ? "Everyone" : "All my activity" },
    ...(admin ? [{ key: "user" as const, label: "One user" }] : []),
    { key: "room", label: "One room" },
    { key: "model", label: "One model" },
  ];
  const choices =
    params.scope === "user"
      ? (options.data?.users ?? []).map((u) => ({ id: u.id, name: u.name }))
      : params.scope === "room"
        ? (options.data?.rooms ?? []).map((r) => ({ id: r.id, name: r.name }))
        : (options.data?.models ?? []).map((m) => ({ id: m, name: m }));
  return (
    <div className="dash-scope">
      <label>
        <span className="sr-only">Scope</span>
        <select
          aria-label="Scope"
          value={params.scope}
          onChange={(e) => {
            const scope = e.target.value as ScopeKind;
            onChange({ ...params, scope, id: undefined });
          }}
        >
          {kinds.map((k) => (
            <option key={k.key} value={k.key}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {params.scope !== "all" && (
        <select aria-label={`Which ${params.scope}`} value={params.id ?? ""} onChange={(e) => onChange({ ...params, id: e.target.value || undefined })}>
          <option value="">{choices.length ? `Choose a ${params.scope}…` : `No ${params.scope}s yet`}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
