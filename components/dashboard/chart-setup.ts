import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { resolvedTheme, subscribeToTheme, useResolvedTheme, type ResolvedTheme } from "@/components/ui/use-resolved-theme";

/** Only the chart.js parts the dashboard draws with. */
Chart.register(BarElement, CategoryScale, Legend, LinearScale, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.animation = false;

// Text as --muted in globals.css; grid lines faint on either background.
const CHART_COLORS: Record<ResolvedTheme, { text: string; grid: string }> = {
  light: { text: "#5d6570", grid: "rgba(0, 0, 0, 0.1)" },
  dark: { text: "#9aa4b1", grid: "rgba(255, 255, 255, 0.12)" },
};

function applyChartTheme(): void {
  const colors = CHART_COLORS[resolvedTheme()];
  Chart.defaults.color = colors.text;
  Chart.defaults.borderColor = colors.grid;
}

// Charts read these defaults when they are created, so they are set before any React re-render
// that follows a theme change; charts keyed by useChartTheme() are then created anew with them.
if (typeof window !== "undefined") {
  applyChartTheme();
  subscribeToTheme(applyChartTheme);
}

/** The page's theme; give it to a chart as its key so the chart is redrawn in the new colours. */
export const useChartTheme = useResolvedTheme;
