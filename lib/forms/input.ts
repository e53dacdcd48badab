import { z } from "zod";
import { AppError } from "../errors/app-error";

/** Ids are cuids from the database or ids a client generated (alphanumeric, dash, underscore). */
export const idSchema = z.string().trim().min(1).max(64).regex(/^[\w-]+$/, "is not a valid id");

/** Parses input at lib's edge; a failure becomes VALIDATION_FAILED naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new AppError("VALIDATION_FAILED", `${where}${issue?.message ?? "invalid input"}`);
  }
  return result.data;
}
