"use client";

import type { Period } from "@/lib/db/sql";
import { useQuery } from "@tanstack/react-query";

export type RangeKey = "24h" | "7d" | "30d" | "90d" | "custom";
export type ScopeKind = "all" | "user" | "room" | "model";

export interface DashboardParams {
  range: RangeKey;
  from?: string;
  to?: string;
  scope: ScopeKind;
  id?: string;
}

export interface ChartResponse<T> {
  rows: T[];
  range: { from: string; to: string; period: Period };
}

export function queryString(p: DashboardParams, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams({ range: p.range, scope: p.scope, ...extra });
  if (p.range === "custom" && p.from && p.to) {
    qs.set("from", p.from);
    qs.set("to", p.to);
  }
  if (p.scope !== "all" && p.id) qs.set("id", p.id);
  return qs.toString();
}

export function csvHref(chart: string, p: DashboardParams): string {
  return `/api/analytics/${chart}?${queryString(p, { format: "csv" })}`;
}

class ApiError extends Error {}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(body?.error?.message ?? `Request failed (${res.status})`);
  }
  return (await res.json()) as T;
}

/** One chart's rows; cached for 30 s (the rollup refreshes every few seconds on the server). */
export function useChart<T>(chart: string, p: DashboardParams) {
  return useQuery({
    queryKey: ["analytics", chart, queryString(p)],
    queryFn: () => getJson<ChartResponse<T>>(`/api/analytics/${chart}?${queryString(p)}`),
    staleTime: 30_000,
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

export interface ScopeOptions {
  users: { id: string; name: string }[];
  rooms: { id: string; name: string }[];
  models: string[];
}

export function useScopeOptions() {
  return useQuery({ queryKey: ["analytics", "scopes"], queryFn: () => getJson<ScopeOptions>("/api/analytics/scopes"), staleTime: 5 * 60_000 });
}
