import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export interface PageAxeResult {
  page: string;
  violations: { id: string; impact: string | null | undefined; nodes: number }[];
}

/**
 * Scans the page with axe (WCAG 2.x A/AA rules and best practices). Serious and critical violations
 * fail the test softly, so one run reports every page; the full result is returned for the record.
 */
export async function scanAccessibility(page: Page, name: string): Promise<PageAxeResult> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect.soft(blocking, `serious or critical axe violations on ${name}`).toEqual([]);
  return { page: name, violations: violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) };
}
