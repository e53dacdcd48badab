import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import { notFound } from "next/navigation";

/** Runs a lib lookup, turning its NOT_FOUND into the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
