import * as Y from "yjs";
import type { Db } from "../db/client";
import { loadRoomState } from "./doc-store";

/** The stored document's Y.Text "t" (tests of the storage layer write to that one text). */
export async function storedText(db: Db, roomId: string): Promise<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomState(db, roomId)).state);
  return doc.getText("t").toString();
}
