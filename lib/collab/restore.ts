import * as Y from "yjs";
import { FILES_KEY, FOLDERS_KEY, listFiles, readFile, replaceText, TEXTS_KEY } from "./room-files";

export interface RestoreCounts {
  changed: number;
  created: number;
  deleted: number;
}

/**
 * Makes the live document's files equal to those in a saved state, as ordinary edits on the live
 * document: they reach every client like any change, and restoring another version undoes them.
 * Files are matched by id first (so a later rename is undone too), then by path; live files the
 * version lacks are deleted.
 */
export function applyStateToDoc(live: Y.Doc, state: Uint8Array, origin?: unknown): RestoreCounts {
  const version = new Y.Doc();
  Y.applyUpdate(version, state);
  const wanted = listFiles(version).map((f) => ({ id: f.id, path: f.path, content: readFile(version, f.id) }));
  const wantedFolders = new Set(version.getMap<boolean>(FOLDERS_KEY).keys());
  version.destroy();

  const files = live.getMap<string>(FILES_KEY);
  const texts = live.getMap<Y.Text>(TEXTS_KEY);
  const folders = live.getMap<boolean>(FOLDERS_KEY);
  const liveFiles = listFiles(live);
  const used = new Set<string>();
  const matchFor = new Map<string, string>();
  for (const file of wanted) {
    if (liveFiles.some((f) => f.id === file.id)) {
      matchFor.set(file.id, file.id);
      used.add(file.id);
    }
  }
  for (const file of wanted) {
    if (matchFor.has(file.id)) continue;
    const byPath = liveFiles.find((f) => f.path === file.path && !used.has(f.id));
    if (!byPath) continue;
    matchFor.set(file.id, byPath.id);
    used.add(byPath.id);
  }

  const counts: RestoreCounts = { changed: 0, created: 0, deleted: 0 };
  live.transact(() => {
    for (const id of [...files.keys()]) {
      if (used.has(id)) continue;
      files.delete(id);
      texts.delete(id);
      counts.deleted++;
    }
    for (const file of wanted) {
      const liveId = matchFor.get(file.id);
      const text = liveId ? texts.get(liveId) : undefined;
      if (!liveId || !text) {
        texts.set(file.id, new Y.Text(file.content));
        files.set(file.id, file.path);
        counts.created++;
        continue;
      }
      const moved = files.get(liveId) !== file.path;
      if (moved) files.set(liveId, file.path);
      if (replaceText(text, file.content) || moved) counts.changed++;
    }
    for (const folder of [...folders.keys()]) if (!wantedFolders.has(folder)) folders.delete(folder);
    for (const folder of wantedFolders) if (!folders.has(folder)) folders.set(folder, true);
  }, origin);
  return counts;
}
