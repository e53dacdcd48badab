import * as Y from "yjs";
import { loadRoomState } from "../../lib/collab/doc-store";
import type { Db } from "../../lib/db/client";

/** The room's document as the database holds it (pending structs included, if any). */
export async function storedDoc(db: Db, roomId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadRoomState(db, roomId)).state);
  return doc;
}
