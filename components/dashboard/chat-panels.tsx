"use client";

import type { ChartOptions } from "chart.js";
import { useState } from "react";
import { Bar, Line } from "react-chartjs-2";
import { useChartTheme } from "./chart-setup";
import { bucketAxisTitle, bucketLabel, bucketStarts, chartName, formatNumber, formatUsd } from "./buckets";
import { modelColor } from "./colors";
import { DataTable } from "./data-table";
import { Panel } from "./panel";
import { csvHref, useChart, type DashboardParams } from "./query";

interface UsagePoint { bucket: string; model: string; turns: number; inputTokens: number; outputTokens: number; costUsd: number }
interface LatencyRow {
  model: string; turns: number; errors: number; errorRate: number;
  ttftP50: number | null; ttftP95: number | null; ttftP99: number | null;
  totalP50: number | null; totalP95: number | null; totalP99: number | null;
}
interface FeedbackPoint { bucket: string; model: string; up: number; down: number }
interface FeedbackComment { createdAt: string; model: string; rating: number; comment: string; userName: string }

const METRICS = {
  turns: { label: "Turns", unit: "turns", format: (n: number) => formatNumber(n) },
  inputTokens: { label: "Tokens in", unit: "tokens", format: (n: number) => formatNumber(n) },
  outputTokens: { label: "Tokens out", unit: "tokens", format: (n: number) => formatNumber(n) },
  costUsd: { label: "Cost", unit: "USD (estimated)", format: formatUsd },
} as const;
type Metric = keyof typeof METRICS;

const NO_CHAT = "No chat turns in this range yet: answers from the assistant show up here.";

export function ChatUsagePanel({ params }: { params: DashboardParams }) {
  const theme = useChartTheme();
  const [metric, setMetric] = useState<Metric>("turns");
  const q = useChart<UsagePoint>("chat-usage", params);
  const rows = q.data?.rows ?? [];
  const range = q.data?.range;
  const m = METRICS[metric];
  const buckets = range ? bucketStarts(range) : [];
  const models = [...new Set(rows.map((r) => r.model))];
  const data = {
    labels: buckets.map((b) => bucketLabel(b, range?.period ?? "h")),
    datasets: models.map((model) => {
      const byBucket = new Map(rows.filter((r) => r.model === model).map((r) => [r.bucket, r[metric]]));
      return { label: model || "(unknown model)", data: buckets.map((b) => byBucket.get(b) ?? 0), backgroundColor: modelColor(model), stack: "s" };
    }),
  };
  const options: ChartOptions<"bar"> = {
    scales: {
      x: { stacked: true, title: { display: true, text: bucketAxisTitle(range?.period) }, ticks: { maxTicksLimit: 12 } },
      y: { stacked: true, beginAtZero: true, title: { display: true, text: m.unit }, ticks: metric === "costUsd" ? {} : { precision: 0 } },
    },
    plugins: {
      tooltip: { mode: "index", callbacks: { label: (c) => `${c.dataset.label}: ${m.format(Number(c.raw))} ${metric === "costUsd" ? "" : m.unit}` } },
      legend: { position: "bottom" },
    },
  };
  const totals = rows.reduce((s, r) => ({ turns: s.turns + r.turns, tokens: s.tokens + r.inputTokens + r.outputTokens, cost: s.cost + r.costUsd }), { turns: 0, tokens: 0, cost: 0 });
  return (
    <Panel
      title="Chat turns, tokens and cost"
      subtitle={`${formatNumber(totals.turns)} turns · ${formatNumber(totals.tokens)} tokens · ${formatUsd(totals.cost)} estimated, stacked by model`}
      csv={csvHref("chat-usage", params)}
      loading={q.isPending}
      error={q.error}
      empty={rows.length === 0 && NO_CHAT}
      testId="panel-chat-usage"
      actions={
        <select aria-label="Measure" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
          {Object.entries(METRICS).map(([k, v]) => (
            <option key={k} value={k}>{v.label}</option>
          ))}
        </select>
      }
    >
      <div className="dash-chart"><Bar key={theme} data={data} options={options} role="img" aria-label={chartName(`Chat ${m.label.toLowerCase()} by model`, buckets.length, range?.period)} /></div>
    </Panel>
  );
}

const ms = (n: number | null) => (n === null ? "—" : `${formatNumber(n)} ms`);

export function LatencyPanel({ params }: { params: DashboardParams }) {
  const theme = useChartTheme();
  const q = useChart<LatencyRow>("latency", params);
  const rows = q.data?.rows ?? [];
  const labels = ["TTFT p50", "TTFT p95", "TTFT p99", "Total p50", "Total p95", "Total p99"];
  const data = {
    labels,
    datasets: rows.map((r) => ({
      label: r.model || "(unknown model)",
      data: [r.ttftP50, r.ttftP95, r.ttftP99, r.totalP50, r.totalP95, r.totalP99],
      backgroundColor: modelColor(r.model),
    })),
  };
  const options: ChartOptions<"bar"> = {
    scales: { y: { beginAtZero: true, title: { display: true, text: "milliseconds" } } },
    plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${ms(c.raw as number | null)}` } } },
  };
  return (
    <Panel
      title="Latency and errors by model"
      subtitle="Time to first token and total answer time (p50 / p95 / p99 within ±2.5 %), successful turns only"
      csv={csvHref("latency", params)}
      loading={q.isPending}
      error={q.error}
      empty={rows.length === 0 && NO_CHAT}
      testId="panel-latency"
    >
      <div className="dash-chart"><Bar key={theme} data={data} options={options} role="img" aria-label="Latency percentiles by model, in milliseconds; the table below lists them" /></div>
      <DataTable
        label="Latency and errors by model"
        rows={rows}
        rowKey={(r) => r.model}
        columns={[
          { header: "Model", cell: (r) => <span className="dash-model"><i style={{ background: modelColor(r.model) }} />{r.model || "(unknown)"}</span> },
          { header: "Turns", numeric: true, cell: (r) => formatNumber(r.turns) },
          { header: "Errors", numeric: true, cell: (r) => formatNumber(r.errors) },
          { header: "Error rate", numeric: true, cell: (r) => `${formatNumber(r.errorRate * 100, 1)} %` },
          { header: "TTFT p50", numeric: true, cell: (r) => ms(r.ttftP50) },
          { header: "TTFT p95", numeric: true, cell: (r) => ms(r.ttftP95) },
          { header: "Total p50", numeric: true, cell: (r) => ms(r.totalP50) },
          { header: "Total p95", numeric: true, cell: (r) => ms(r.totalP95) },
          { header: "Total p99", numeric: true, cell: (r) => ms(r.totalP99) },
        ]}
      />
    </Panel>
  );
}

export function FeedbackPanel({ params }: { params: DashboardParams }) {
  const theme = useChartTheme();
  const q = useChart<FeedbackPoint>("feedback", params);
  const comments = useChart<FeedbackComment>("feedback-comments", params);
  const rows = q.data?.rows ?? [];
  const range = q.data?.range;
  const buckets = range ? bucketStarts(range) : [];
  const models = [...new Set(rows.map((r) => r.model))];
  const data = {
    labels: buckets.map((b) => bucketLabel(b, range?.period ?? "h")),
    datasets: models.map((model) => {
      const byBucket = new Map(rows.filter((r) => r.model === model).map((r) => [r.bucket, r]));
      return {
        label: model || "(unknown model)",
        data: buckets.map((b) => {
          const p = byBucket.get(b);
          return p && p.up + p.down > 0 ? Math.round((1000 * p.up) / (p.up + p.down)) / 10 : null;
        }),
        borderColor: modelColor(model),
        backgroundColor: modelColor(model),
        spanGaps: true,
        pointRadius: 2,
        borderWidth: 2,
      };
    }),
  };
  const votes = (model: string, label: string) => {
    const p = rows.find((r) => r.model === model && bucketLabel(r.bucket, range?.period ?? "h") === label);
    return p ? ` (${p.up} up / ${p.down} down)` : "";
  };
  const options: ChartOptions<"line"> = {
    scales: {
      x: { ticks: { maxTicksLimit: 12 }, title: { display: true, text: bucketAxisTitle(range?.period) } },
      y: { min: 0, max: 100, title: { display: true, text: "% thumbs up" } },
    },
    plugins: {
      legend: { position: "bottom" },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.raw}% up${votes(String(c.dataset.label), String(c.label))}` } },
    },
  };
  const up = rows.reduce((s, r) => s + r.up, 0);
  const down = rows.reduce((s, r) => s + r.down, 0);
  return (
    <Panel
      title="Feedback by model"
      subtitle={`${up} thumbs up · ${down} thumbs down${up + down ? ` · ${formatNumber((100 * up) / (up + down), 1)} % positive` : ""}`}
      csv={csvHref("feedback", params)}
      loading={q.isPending}
      error={q.error}
      empty={rows.length === 0 && "No feedback in this range yet: thumbs up/down on answers show up here."}
      testId="panel-feedback"
    >
      <div className="dash-chart"><Line key={theme} data={data} options={options} role="img" aria-label={chartName("Feedback by model", buckets.length, range?.period)} /></div>
      <div className="dash-subhead">
        <h3>Latest comments</h3>
        <a className="btn btn-secondary btn-small" href={csvHref("feedback-comments", params)} download>Export CSV</a>
      </div>
      {(comments.data?.rows ?? []).length === 0 ? (
        <p className="dash-empty small">No written comments in this range.</p>
      ) : (
        <ul className="dash-comments" aria-label="Latest comments" tabIndex={0}>
          {comments.data!.rows.map((c) => (
            <li key={`${c.createdAt}-${c.userName}-${c.comment.slice(0, 20)}`}>
              <span className={`dash-rating ${c.rating > 0 ? "up" : "down"}`}>{c.rating > 0 ? "▲ up" : "▼ down"}</span>
              <span className="dash-comment">{c.comment}</span>
              <span className="dash-meta">{c.userName} · {c.model} · {new Date(c.createdAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
