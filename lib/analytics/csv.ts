/**
 * CSV (RFC 4180) for the dashboard's exports: fields with a comma, quote or line break are quoted
 * and quotes doubled; text starting with = + - @ or a tab/CR is prefixed with ' so spreadsheets do
 * not run it as a formula.
 */
export interface CsvColumn<T> {
  key: keyof T & string;
  header: string;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => field(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c.key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

function field(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? String(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
