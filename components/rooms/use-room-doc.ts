"use client";

import { listFiles, listFolders, type RoomFile } from "@/lib/collab/room-files";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { awarenessUsers, type AwarenessUser } from "./awareness-users";
import type { RoomSession } from "./room-session";

/** The room's files and folders, re-read when their paths change (not on every keystroke). */
export function useRoomFiles(doc: Y.Doc | null): { files: RoomFile[]; folders: string[] } {
  const [tree, setTree] = useState<{ files: RoomFile[]; folders: string[] }>({ files: [], folders: [] });
  useEffect(() => {
    if (!doc) return;
    let shape = "";
    const read = () => {
      const files = listFiles(doc);
      const folders = listFolders(doc);
      const next = JSON.stringify([files.map((f) => [f.id, f.path]), folders]);
      if (next === shape) return;
      shape = next;
      setTree({ files, folders });
    };
    read();
    doc.on("update", read);
    return () => doc.off("update", read);
  }, [doc]);
  return tree;
}

/** Everyone connected to the room's document, from awareness. */
export function useAwarenessUsers(session: RoomSession | null, ready: boolean): AwarenessUser[] {
  const [users, setUsers] = useState<AwarenessUser[]>([]);
  useEffect(() => {
    const awareness = session?.provider?.awareness;
    if (!awareness) return;
    const read = () => setUsers(awarenessUsers(awareness));
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [session, ready]);
  return users;
}
