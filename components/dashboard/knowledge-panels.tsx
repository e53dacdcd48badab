"use client";

import type { ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { useChartTheme } from "./chart-setup";
import { bucketAxisTitle, bucketLabel, bucketStarts, chartName, formatNumber } from "./buckets";
import { SERIES } from "./colors";
import { DataTable } from "./data-table";
import { Panel } from "./panel";
import { csvHref, useChart, type DashboardParams } from "./query";

interface KnowledgePoint { bucket: string; ingested: number; failed: number; searches: number; citationsOpened: number }
interface FailureRow { reason: string; count: number }

const SETS: { key: keyof Omit<KnowledgePoint, "bucket">; label: string; color: string }[] = [
  { key: "ingested", label: "Documents ingested", color: SERIES.green },
  { key: "failed", label: "Ingestion failures", color: SERIES.red },
  { key: "searches", label: "Searches", color: SERIES.blue },
  { key: "citationsOpened", label: "Citations opened", color: SERIES.orange },
];

export function KnowledgePanel({ params }: { params: DashboardParams }) {
  const theme = useChartTheme();
  const q = useChart<KnowledgePoint>("knowledge", params);
  const failures = useChart<FailureRow>("knowledge-failures", params);
  const rows = q.data?.rows ?? [];
  const range = q.data?.range;
  const buckets = range ? bucketStarts(range) : [];
  const by = new Map(rows.map((r) => [r.bucket, r]));
  const data = {
    labels: buckets.map((b) => bucketLabel(b, range?.period ?? "h")),
    datasets: SETS.map((s) => ({ label: s.label, data: buckets.map((b) => by.get(b)?.[s.key] ?? 0), backgroundColor: s.color, stack: "k" })),
  };
  const options: ChartOptions<"bar"> = {
    scales: {
      x: { stacked: true, ticks: { maxTicksLimit: 12 }, title: { display: true, text: bucketAxisTitle(range?.period) } },
      y: { beginAtZero: true, stacked: true, ticks: { precision: 0 }, title: { display: true, text: "count" } },
    },
    plugins: { legend: { position: "bottom" }, tooltip: { mode: "index", callbacks: { label: (c) => `${c.dataset.label}: ${formatNumber(Number(c.raw))}` } } },
  };
  const total = (k: keyof Omit<KnowledgePoint, "bucket">) => formatNumber(rows.reduce((s, r) => s + r[k], 0));
  return (
    <Panel
      title="Knowledge base"
      subtitle={`${total("ingested")} ingested · ${total("failed")} failed · ${total("searches")} searches · ${total("citationsOpened")} citations opened`}
      csv={csvHref("knowledge", params)}
      loading={q.isPending}
      error={q.error}
      empty={rows.length === 0 && "No knowledge activity in this range yet: uploads, searches and opened citations show up here."}
      testId="panel-knowledge"
    >
      <div className="dash-chart"><Bar key={theme} data={data} options={options} role="img" aria-label={chartName("Knowledge base", buckets.length, range?.period)} /></div>
      <div className="dash-subhead">
        <h3>Failures by reason</h3>
        <a className="btn btn-secondary btn-small" href={csvHref("knowledge-failures", params)} download>Export CSV</a>
      </div>
      {(failures.data?.rows ?? []).length === 0 ? (
        <p className="dash-empty small">No ingestion failures in this range.</p>
      ) : (
        <DataTable label="Ingestion failures by reason" rows={failures.data!.rows} rowKey={(r) => r.reason} columns={[
          { header: "Reason", cell: (r) => <code>{r.reason}</code> },
          { header: "Failures", numeric: true, cell: (r) => formatNumber(r.count) },
        ]} />
      )}
    </Panel>
  );
}
