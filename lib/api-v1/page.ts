import { z } from "zod";

export const PAGE_DEFAULT_LIMIT = 50;
export const PAGE_MAX_LIMIT = 200;

/** `?cursor=&limit=` of every paged v1 list; the cursor is the last item's id of the page before. */
export const pageQuerySchema = z.object({
  cursor: z.string().trim().min(1).max(200).optional().meta({ description: "`nextCursor` of the page before." }),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX_LIMIT).default(PAGE_DEFAULT_LIMIT),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The wire shape of a page of `item`s, for the OpenAPI document. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
