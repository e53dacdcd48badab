/** What syncing does to one file of the target side. */
export type SyncAction = "create" | "update" | "unchanged" | "delete";

export interface SyncStep {
  path: string;
  action: SyncAction;
}

export interface SyncPlan {
  steps: SyncStep[];
  counts: Record<SyncAction, number>;
}

/**
 * How to make `target` hold `source`'s files: each source file is created, updated or left
 * unchanged; with `deleteMissing`, target files the source lacks are deleted. Target contents of
 * `null` mean "present, not loaded" (only files the source lacks need no content). Sorted by path.
 */
export function planSync(
  source: ReadonlyMap<string, string>,
  target: ReadonlyMap<string, string | null>,
  options: { deleteMissing: boolean },
): SyncPlan {
  const steps: SyncStep[] = [];
  for (const [path, content] of source) {
    const current = target.get(path);
    const action: SyncAction = !target.has(path) ? "create" : current === content ? "unchanged" : "update";
    steps.push({ path, action });
  }
  if (options.deleteMissing) {
    for (const path of target.keys()) if (!source.has(path)) steps.push({ path, action: "delete" });
  }
  steps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counts: Record<SyncAction, number> = { create: 0, update: 0, unchanged: 0, delete: 0 };
  for (const step of steps) counts[step.action] += 1;
  return { steps, counts };
}

const MARKS: Record<SyncAction, string> = { create: "+", update: "~", unchanged: "=", delete: "-" };

/** The plan as lines for people: changed files one per line, unchanged ones only counted. */
export function describePlan(plan: SyncPlan, words: Record<SyncAction, string>): string {
  const lines = plan.steps.filter((s) => s.action !== "unchanged").map((s) => `${MARKS[s.action]} ${s.path} (${words[s.action]})`);
  const summary = (["create", "update", "delete", "unchanged"] as const)
    .filter((a) => plan.counts[a] > 0 || a !== "delete")
    .map((a) => `${plan.counts[a]} ${words[a]}`)
    .join(", ");
  return [...lines, summary].join("\n");
}
