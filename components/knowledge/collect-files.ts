/** A file picked or dropped, with its path inside a dropped folder ("docs/api/intro.md"). */
export interface PickedFile {
  file: File;
  path: string;
}

/** Hidden files and folders (.git, .DS_Store) are skipped in folder drops. */
function hidden(name: string): boolean {
  return name.startsWith(".");
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: FileSystemEntry[] = [];
    // readEntries returns at most about 100 entries a call; call until it returns none.
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(entries);
        else {
          entries.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[], limit: number): Promise<void> {
  if (out.length >= limit || hidden(entry.name)) return;
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, path });
    return;
  }
  if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, path, out, limit);
  }
}

/** Every file of a drop, walking dropped folders; at most `limit` files. */
export async function filesFromDrop(data: DataTransfer, limit: number): Promise<PickedFile[]> {
  const entries = Array.from(data.items)
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => Boolean(entry));
  if (entries.length === 0) return Array.from(data.files).slice(0, limit).map((file) => ({ file, path: file.name }));
  const out: PickedFile[] = [];
  for (const entry of entries) await walk(entry, "", out, limit);
  return out;
}

/** Files from an <input type=file>, with folder paths when a directory was picked. */
export function filesFromInput(list: FileList | null, limit: number): PickedFile[] {
  return Array.from(list ?? [])
    .filter((file) => !(file.webkitRelativePath || file.name).split("/").some(hidden))
    .slice(0, limit)
    .map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
