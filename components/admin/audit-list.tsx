import type { AuditRecord } from "@/lib/audit/audit-log";
import { TableScroll } from "../ui/table-scroll";

const formatter = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

function describe(record: AuditRecord): string {
  const email = typeof record.details.email === "string" ? record.details.email : record.targetId;
  switch (record.action) {
    case "user.role_changed":
      return `changed the role of ${email} from ${String(record.details.from)} to ${String(record.details.to)}`;
    case "user.disabled":
      return `disabled ${email}`;
    case "user.enabled":
      return `enabled ${email}`;
    case "chat.settings_changed": {
      const to = record.details.to as { defaultModel?: string | null; fallbackOrder?: string[] } | undefined;
      const fallbacks = to?.fallbackOrder?.length ? to.fallbackOrder.join(" → ") : "from the environment";
      return `set the chat default model to ${to?.defaultModel ?? "the first available"} and fallbacks to ${fallbacks}`;
    }
    default:
      return `${record.action} on ${record.targetType} ${record.targetId ?? ""}`;
  }
}

export function AuditList({ records }: { records: AuditRecord[] }) {
  if (records.length === 0) return <p className="muted">No admin actions yet.</p>;
  return (
    <TableScroll label="Audit log">
      <table aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id}>
              <td className="muted">{formatter.format(record.createdAt)}</td>
              <td>{record.actor?.name ?? "deleted user"}</td>
              <td>{describe(record)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
