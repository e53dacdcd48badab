"use client";

import { useSyncExternalStore } from "react";

export type ResolvedTheme = "light" | "dark";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Applies a theme choice to the page at once; the CSS keys every colour on this attribute. */
export function applyTheme(theme: string): void {
  document.documentElement.dataset.theme = theme;
}

/** The theme the page shows now: the user's choice, or the system's when that is "system". */
export function resolvedTheme(): ResolvedTheme {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

/** Calls onChange whenever the choice or, under "system", the system setting changes. */
export function subscribeToTheme(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => {
    media.removeEventListener("change", onChange);
    observer.disconnect();
  };
}

/** resolvedTheme(), kept current. */
export function useResolvedTheme(): ResolvedTheme {
  return useSyncExternalStore(subscribeToTheme, resolvedTheme, () => "light");
}
