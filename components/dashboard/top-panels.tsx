"use client";

import { formatNumber, formatUsd } from "./buckets";
import { DataTable } from "./data-table";
import { Panel } from "./panel";
import { csvHref, useChart, type DashboardParams } from "./query";

interface TopUser { userId: string; userName: string; events: number; turns: number; tokens: number; costUsd: number; edits: number }
interface TopRoom { roomId: string; roomName: string; users: number; events: number; turns: number; tokens: number; costUsd: number; edits: number }

const NO_ACTIVITY = "No activity in this range yet.";

export function TopTables({ params }: { params: DashboardParams }) {
  const users = useChart<TopUser>("top-users", params);
  const rooms = useChart<TopRoom>("top-rooms", params);
  const n = (v: number) => formatNumber(v);
  return (
    <div className="dash-grid-2">
      <Panel title="Top users" subtitle="by number of recorded actions" csv={csvHref("top-users", params)} loading={users.isPending}
        error={users.error} empty={(users.data?.rows ?? []).length === 0 && NO_ACTIVITY} testId="panel-top-users">
        <DataTable label="Top users" rows={users.data?.rows ?? []} rowKey={(r) => r.userId} columns={[
          { header: "User", cell: (r) => r.userName },
          { header: "Actions", numeric: true, cell: (r) => n(r.events) },
          { header: "Chat turns", numeric: true, cell: (r) => n(r.turns) },
          { header: "Tokens", numeric: true, cell: (r) => n(r.tokens) },
          { header: "Cost", numeric: true, cell: (r) => formatUsd(r.costUsd) },
          { header: "Edits", numeric: true, cell: (r) => n(r.edits) },
        ]} />
      </Panel>
      <Panel title="Top rooms" subtitle="by number of recorded actions" csv={csvHref("top-rooms", params)} loading={rooms.isPending}
        error={rooms.error} empty={(rooms.data?.rows ?? []).length === 0 && "No room activity in this range yet."} testId="panel-top-rooms">
        <DataTable label="Top rooms" rows={rooms.data?.rows ?? []} rowKey={(r) => r.roomId} columns={[
          { header: "Room", cell: (r) => r.roomName },
          { header: "Users", numeric: true, cell: (r) => n(r.users) },
          { header: "Actions", numeric: true, cell: (r) => n(r.events) },
          { header: "Chat turns", numeric: true, cell: (r) => n(r.turns) },
          { header: "Edits", numeric: true, cell: (r) => n(r.edits) },
        ]} />
      </Panel>
    </div>
  );
}
