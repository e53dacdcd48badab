"use client";

import dynamic from "next/dynamic";

/**
 * The Markdown renderer, loaded on demand: with code highlighting it is most of a chat's weight,
 * so pages keep it out of their first-load JavaScript (it still renders on the server).
 */
export const LazyMarkdown = dynamic(() => import("./markdown").then((m) => m.Markdown), {
  loading: () => <p className="muted">…</p>,
});
