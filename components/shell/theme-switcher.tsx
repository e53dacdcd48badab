"use client";

import { saveThemeAction } from "@/app/(app)/actions";
import { themeSchema, type Theme } from "@/lib/auth/theme";
import { applyTheme } from "@/components/ui/use-resolved-theme";
import { useState, useTransition } from "react";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** The user's theme choice: applied to the page at once, then stored for their next visit. */
export function ThemeSwitcher({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  function choose(value: string) {
    const next = themeSchema.parse(value);
    setTheme(next);
    setError(null);
    applyTheme(next);
    startTransition(async () => {
      const result = await saveThemeAction(next);
      if (!result.ok) setError(result.message ?? "Could not save the theme.");
    });
  }

  return (
    <div className="theme-switcher">
      <label htmlFor="theme-select">Theme</label>
      <select id="theme-select" value={theme} onChange={(e) => choose(e.target.value)}>
        {themeSchema.options.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
      {error && (
        <p className="theme-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
