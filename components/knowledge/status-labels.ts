/** The ingestion stages in order, as the progress bar and the status column show them. */
const STAGES = ["queued", "detecting", "extracting", "validating", "chunking", "indexing", "ready"] as const;

const LABELS: Record<string, string> = {
  queued: "Queued",
  detecting: "Detecting type",
  extracting: "Extracting text",
  validating: "Validating",
  chunking: "Chunking",
  indexing: "Indexing",
  ready: "Ready",
  pending_approval: "Awaiting approval",
  failed: "Failed",
  rejected: "Rejected",
};

const REASONS: Record<string, string> = {
  UNSUPPORTED_TYPE: "Unsupported type",
  TOO_LARGE: "Too large",
  EMPTY: "Empty file",
  CORRUPT: "Corrupt file",
  ENCRYPTED: "Password-protected",
  UNSAFE_ARCHIVE: "Unsafe archive",
  NO_TEXT: "No extractable text",
  LOW_QUALITY: "Unreadable text",
  DUPLICATE: "Duplicate",
  TIMEOUT: "Took too long",
  INTERNAL: "Internal error",
  NETWORK: "Upload interrupted",
  RATE_LIMITED: "Too many uploads",
  PAYLOAD_TOO_LARGE: "Quota used up",
  FORBIDDEN: "Not allowed",
};

export function statusLabel(status: string): string {
  return LABELS[status] ?? status;
}

export function reasonLabel(code: string | null): string {
  return code ? (REASONS[code] ?? code) : "Failed";
}

export function isActive(status: string): boolean {
  return (STAGES as readonly string[]).includes(status) && status !== "ready";
}

/** 0–1 through the stages, for the progress bar. */
export function stageProgress(status: string): number {
  const index = (STAGES as readonly string[]).indexOf(status);
  return index < 0 ? 1 : index / (STAGES.length - 1);
}

export function badgeClass(status: string): string {
  if (status === "ready") return "badge badge-ok";
  if (status === "failed" || status === "rejected") return "badge badge-danger";
  if (status === "pending_approval") return "badge kn-badge-pending";
  return "badge kn-badge-active";
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
