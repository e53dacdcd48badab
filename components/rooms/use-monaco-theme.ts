"use client";

import { useResolvedTheme } from "@/components/ui/use-resolved-theme";

/** Monaco's built-in theme matching the page's theme; editors switch with it, live. */
export function useMonacoTheme(): "vs" | "vs-dark" {
  return useResolvedTheme() === "dark" ? "vs-dark" : "vs";
}
