"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ChatUsagePanel, FeedbackPanel, LatencyPanel } from "./chat-panels";
import { CollabPanel, CollabTables } from "./collab-panels";
import "./dashboard.css";
import { KnowledgePanel } from "./knowledge-panels";
import { LiveCounters } from "./live-counters";
import { RangePicker, ScopePicker } from "./pickers";
import { queryString, type DashboardParams, type RangeKey, type ScopeKind } from "./query";
import { TopTables } from "./top-panels";

const RANGES: RangeKey[] = ["24h", "7d", "30d", "90d", "custom"];
const SCOPES: ScopeKind[] = ["all", "user", "room", "model"];

function paramsFrom(search: URLSearchParams): DashboardParams {
  const range = RANGES.find((r) => r === search.get("range")) ?? "7d";
  const scope = SCOPES.find((s) => s === search.get("scope")) ?? "all";
  return {
    range: range === "custom" && !(search.get("from") && search.get("to")) ? "7d" : range,
    from: search.get("from") ?? undefined,
    to: search.get("to") ?? undefined,
    scope,
    id: search.get("id") ?? undefined,
  };
}

/** The analytics dashboard; its range and scope live in the URL (the server enforces what each user may see). */
export function Dashboard({ admin }: { admin: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = paramsFrom(new URLSearchParams(useSearchParams().toString()));
  // A scope without a chosen user/room/model shows everything the user may see until one is picked.
  const effective: DashboardParams = params.scope !== "all" && !params.id ? { ...params, scope: "all", id: undefined } : params;
  const change = (next: DashboardParams) => router.replace(`${pathname}?${queryString(next)}`, { scroll: false });
  return (
    <div className="dash">
      <div className="page-head dash-head">
        <div>
          <h1>Dashboard</h1>
          <p>{admin ? "Usage, cost, quality and collaboration across the team." : "Your own usage, cost and collaboration."}</p>
        </div>
        <div className="dash-controls">
          <RangePicker params={params} onChange={change} />
          <ScopePicker params={params} admin={admin} onChange={change} />
        </div>
      </div>
      <LiveCounters admin={admin} />
      <ChatUsagePanel params={effective} />
      <LatencyPanel params={effective} />
      <FeedbackPanel params={effective} />
      <CollabPanel params={effective} />
      <CollabTables params={effective} />
      <KnowledgePanel params={effective} />
      <TopTables params={effective} />
    </div>
  );
}
