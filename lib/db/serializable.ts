import type { Db } from "./client";
import { isWriteConflict } from "./errors";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const ATTEMPTS = 3;

/**
 * Runs `work` in a serializable transaction, running it again when it lost a race with a concurrent
 * one, so the retry sees what the winner committed and decides on that (e.g. "the last owner cannot
 * leave"). After the last attempt the conflict is handed to `onConflict`.
 */
export async function runSerializable<T>(db: Db, work: (tx: Tx) => Promise<T>, onConflict: () => Error): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: "Serializable" });
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      if (attempt >= ATTEMPTS) throw onConflict();
    }
  }
}
