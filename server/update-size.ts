import * as Y from "yjs";

type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * How much an update would add to each shared type of a document, computed from the decoded update
 * and the document as it is, without applying anything. Counts the units Y.Text length counts
 * (characters, embeds); map entries and formatting attributes add nothing to a length.
 */
export interface LengthGrowth {
  /** Current length plus what the update adds, per list type it inserts into (keyed by the type's id). */
  projected: Map<string, number>;
  /** Added units whose type could not be resolved (the update depends on changes not seen yet). */
  unresolved: number;
}

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

/** The struct covering `id` in a list sorted by clock, or null. */
function covering<S extends Struct | Y.AbstractStruct>(structs: readonly S[] | undefined, id: Y.ID): S | null {
  if (!structs || structs.length === 0) return null;
  const last = structs[structs.length - 1]!;
  if (id.clock < structs[0]!.id.clock || id.clock >= last.id.clock + last.length) return null;
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = structs[mid]!;
    if (id.clock < s.id.clock) high = mid - 1;
    else if (id.clock >= s.id.clock + s.length) low = mid + 1;
    else return s;
  }
  return null;
}

function storedStruct(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const found = covering(doc.store.clients.get(id.client), id);
  return found instanceof Y.Item ? found : null;
}

/** Whether a decoded update only deletes (no new structs): always safe to admit. */
export function onlyDeletes(structs: readonly Struct[]): boolean {
  return structs.every((s) => s instanceof Y.Skip);
}

export function lengthGrowth(doc: Y.Doc, structs: readonly Struct[]): LengthGrowth {
  const byClient = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  const parentMemo = new Map<Y.Item, string | null | undefined>();

  /** Key of the list type an item sits in; null for root-level content, undefined when unknown. */
  const parentOf = (item: Y.Item, depth: number): string | null | undefined => {
    if (parentMemo.has(item)) return parentMemo.get(item);
    let result: string | null | undefined;
    const parent = item.parent as unknown;
    if (parent instanceof Y.AbstractType) result = parent._item ? idKey(parent._item.id) : null;
    else if (typeof parent === "string") result = null;
    else if (parent && typeof parent === "object") result = idKey(parent as Y.ID);
    else result = depth > 64 ? undefined : neighbourParent(item, depth);
    parentMemo.set(item, result);
    return result;
  };
  // An item encoded without its parent takes the parent of its left or right origin.
  const neighbourParent = (item: Y.Item, depth: number): string | null | undefined => {
    for (const id of [item.origin, item.rightOrigin]) {
      if (!id) continue;
      const neighbour = covering(byClient.get(id.client), id) ?? storedStruct(doc, id);
      if (neighbour) return parentOf(neighbour, depth + 1);
    }
    return undefined;
  };

  const added = new Map<string, number>();
  let unresolved = 0;
  for (const list of byClient.values()) {
    for (const item of list) {
      if (!item.countable || item.parentSub !== null) continue;
      const key = parentOf(item, 0);
      if (key === undefined) unresolved += item.length;
      else if (key !== null) added.set(key, (added.get(key) ?? 0) + item.length);
    }
  }
  const projected = new Map<string, number>();
  for (const [key, count] of added) {
    const [client, clock] = key.split(":").map(Number) as [number, number];
    const content = storedStruct(doc, Y.createID(client, clock))?.content;
    projected.set(key, (content instanceof Y.ContentType ? content.type._length : 0) + count);
  }
  return { projected, unresolved };
}

/** Bytes a struct header takes at most in an encoded update (ids, origins, info byte), roughly. */
const STRUCT_OVERHEAD = 12;

function contentBytes(content: Y.Item["content"]): number {
  if (content instanceof Y.ContentString) return Buffer.byteLength(content.str);
  if (content instanceof Y.ContentBinary) return content.content.byteLength;
  if (content instanceof Y.ContentDeleted || content instanceof Y.ContentType) return 1;
  if (content instanceof Y.ContentFormat) return content.key.length + JSON.stringify(content.value ?? null).length;
  return JSON.stringify(content.getContent()).length;
}

/**
 * About what the document takes encoded (what the database stores), without encoding it: walks the
 * struct store, so it costs a few milliseconds where encoding a 10 MB document costs hundreds.
 */
export function storedSize(doc: Y.Doc): number {
  let bytes = 0;
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      bytes += STRUCT_OVERHEAD;
      if (struct instanceof Y.Item) bytes += contentBytes(struct.content) + (struct.parentSub?.length ?? 0);
    }
  }
  return bytes;
}
