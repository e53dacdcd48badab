"use client";

import type { ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { useChartTheme } from "./chart-setup";
import { bucketAxisTitle, bucketLabel, bucketStarts, chartName, formatNumber } from "./buckets";
import { SERIES } from "./colors";
import { DataTable } from "./data-table";
import { Panel } from "./panel";
import { csvHref, useChart, type DashboardParams } from "./query";

interface CollabPoint { bucket: string; activeEditors: number; sessions: number; charsAdded: number; charsRemoved: number }
interface RoomRow { roomId: string; roomName: string; editors: number; sessions: number; activeMinutes: number; charsAdded: number; charsRemoved: number }
interface UserRow { userId: string; userName: string; rooms: number; sessions: number; activeMinutes: number; charsAdded: number; charsRemoved: number }

const NO_COLLAB = "No collaboration in this range yet: editing in a room shows up here.";

export function CollabPanel({ params }: { params: DashboardParams }) {
  const theme = useChartTheme();
  const q = useChart<CollabPoint>("collab", params);
  const rows = q.data?.rows ?? [];
  const range = q.data?.range;
  const buckets = range ? bucketStarts(range) : [];
  const by = new Map(rows.map((r) => [r.bucket, r]));
  const pick = (k: keyof Omit<CollabPoint, "bucket">) => buckets.map((b) => by.get(b)?.[k] ?? 0);
  const data = {
    labels: buckets.map((b) => bucketLabel(b, range?.period ?? "h")),
    datasets: [
      { type: "bar" as const, label: "Characters added", data: pick("charsAdded"), backgroundColor: SERIES.green, yAxisID: "y", stack: "chars" },
      { type: "bar" as const, label: "Characters removed", data: pick("charsRemoved"), backgroundColor: SERIES.red, yAxisID: "y", stack: "chars" },
      { type: "line" as const, label: "Active editors", data: pick("activeEditors"), borderColor: SERIES.blue, backgroundColor: SERIES.blue, yAxisID: "y1", pointRadius: 0, borderWidth: 1.5, stepped: true },
    ],
  };
  const options: ChartOptions<"bar"> = {
    scales: {
      x: { stacked: true, ticks: { maxTicksLimit: 12 }, title: { display: true, text: bucketAxisTitle(range?.period) } },
      y: { beginAtZero: true, stacked: true, title: { display: true, text: "characters" } },
      y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "active editors" }, ticks: { precision: 0 } },
    },
    plugins: { legend: { position: "bottom" }, tooltip: { mode: "index", callbacks: { label: (c) => `${c.dataset.label}: ${formatNumber(Number(c.raw))}` } } },
  };
  const added = rows.reduce((s, r) => s + r.charsAdded, 0);
  const removed = rows.reduce((s, r) => s + r.charsRemoved, 0);
  const sessions = rows.reduce((s, r) => s + r.sessions, 0);
  return (
    <Panel
      title="Collaboration"
      subtitle={`${formatNumber(sessions)} edit sessions · +${formatNumber(added)} / −${formatNumber(removed)} characters`}
      csv={csvHref("collab", params)}
      loading={q.isPending}
      error={q.error}
      empty={rows.length === 0 && NO_COLLAB}
      testId="panel-collab"
    >
      <div className="dash-chart"><Bar key={theme} data={data as never} options={options} role="img" aria-label={chartName("Collaboration", buckets.length, range?.period)} /></div>
    </Panel>
  );
}

export function CollabTables({ params }: { params: DashboardParams }) {
  const rooms = useChart<RoomRow>("collab-rooms", params);
  const users = useChart<UserRow>("collab-users", params);
  const num = (n: number) => formatNumber(n);
  return (
    <div className="dash-grid-2">
      <Panel title="Collaboration per room" csv={csvHref("collab-rooms", params)} loading={rooms.isPending} error={rooms.error}
        empty={(rooms.data?.rows ?? []).length === 0 && NO_COLLAB} testId="panel-collab-rooms">
        <DataTable label="Collaboration per room" rows={rooms.data?.rows ?? []} rowKey={(r) => r.roomId} columns={[
          { header: "Room", cell: (r) => r.roomName },
          { header: "Editors", numeric: true, cell: (r) => num(r.editors) },
          { header: "Sessions", numeric: true, cell: (r) => num(r.sessions) },
          { header: "Active min", numeric: true, cell: (r) => num(r.activeMinutes) },
          { header: "Chars +", numeric: true, cell: (r) => num(r.charsAdded) },
          { header: "Chars −", numeric: true, cell: (r) => num(r.charsRemoved) },
        ]} />
      </Panel>
      <Panel title="Collaboration per user" csv={csvHref("collab-users", params)} loading={users.isPending} error={users.error}
        empty={(users.data?.rows ?? []).length === 0 && NO_COLLAB} testId="panel-collab-users">
        <DataTable label="Collaboration per user" rows={users.data?.rows ?? []} rowKey={(r) => r.userId} columns={[
          { header: "User", cell: (r) => r.userName },
          { header: "Rooms", numeric: true, cell: (r) => num(r.rooms) },
          { header: "Sessions", numeric: true, cell: (r) => num(r.sessions) },
          { header: "Active min", numeric: true, cell: (r) => num(r.activeMinutes) },
          { header: "Chars +", numeric: true, cell: (r) => num(r.charsAdded) },
          { header: "Chars −", numeric: true, cell: (r) => num(r.charsRemoved) },
        ]} />
      </Panel>
    </div>
  );
}
