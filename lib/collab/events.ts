import { z } from "zod";
import { roomRoleSchema } from "./room-roles";
import { chatBodySchema, versionLabelSchema } from "./room-schemas";

/**
 * JSON events on the sidecar's `/events/<roomId>` socket, shared by the sidecar and the browser.
 * Every event is `{event_type, payload, timestamp, room_id, user_id}`, with one payload schema per
 * type. Clients send `user_id` = their own id and `room_id` = the socket's room; server events carry
 * the acting user, or null for events from the system.
 */
const timestamp = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(128);

export const clientPayloads = {
  "chat.send": z.strictObject({ body: chatBodySchema }),
  "presence.request": z.strictObject({}),
  "version.save": z.strictObject({ label: versionLabelSchema }),
  "version.restore": z.strictObject({ version_id: id }),
} as const;

const presenceUser = z.object({
  user_id: id,
  name: z.string(),
  role: roomRoleSchema,
  /** Open document connections (tabs) of this user on the room. */
  editors: z.number().int().min(0),
});

export const serverPayloads = {
  "chat.message": z.object({ id, user_name: z.string().nullable(), body: z.string(), created_at: timestamp }),
  "presence.summary": z.object({ users: z.array(presenceUser) }),
  notification: z.object({ level: z.enum(["info", "warning"]), code: z.string(), message: z.string() }),
  "version.saved": z.object({ id, label: z.string(), auto: z.boolean(), created_at: timestamp }),
  "version.restored": z.object({
    version_id: id,
    label: z.string(),
    undo_version_id: id,
    changed: z.number().int(),
    created: z.number().int(),
    deleted: z.number().int(),
  }),
  error: z.object({ code: z.string(), message: z.string(), rejected_event_type: z.string().nullable() }),
} as const;

export type ClientEventType = keyof typeof clientPayloads;
export type ServerEventType = keyof typeof serverPayloads;

export interface EventEnvelope<T extends string, P, U extends string | null> {
  event_type: T;
  payload: P;
  timestamp: string;
  room_id: string;
  user_id: U;
}

export type ClientEvent = {
  [T in ClientEventType]: EventEnvelope<T, z.output<(typeof clientPayloads)[T]>, string>;
}[ClientEventType];

export type ServerEvent = {
  [T in ServerEventType]: EventEnvelope<T, z.output<(typeof serverPayloads)[T]>, string | null>;
}[ServerEventType];

export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { event_type: T }>;

const clientEnvelope = z.strictObject({
  event_type: z.string().max(64),
  payload: z.unknown(),
  timestamp,
  room_id: id,
  user_id: id,
});

const serverEnvelope = clientEnvelope.extend({ user_id: id.nullable() });

export type EventRejection = { code: "MALFORMED" | "UNKNOWN_EVENT" | "INVALID_PAYLOAD"; message: string; eventType: string | null };

function isKnown<K extends string>(table: Record<K, unknown>, key: string): key is K {
  return Object.hasOwn(table, key);
}

/** Parses an event a client sent (already JSON-decoded). */
export function parseClientEvent(raw: unknown): { ok: true; event: ClientEvent } | { ok: false; rejection: EventRejection } {
  const envelope = clientEnvelope.safeParse(raw);
  if (!envelope.success) {
    const eventType = typeof (raw as { event_type?: unknown })?.event_type === "string" ? (raw as { event_type: string }).event_type : null;
    return { ok: false, rejection: { code: "MALFORMED", message: describe(envelope.error), eventType } };
  }
  const type = envelope.data.event_type;
  if (!isKnown(clientPayloads, type)) {
    return { ok: false, rejection: { code: "UNKNOWN_EVENT", message: `Unknown event type "${type}".`, eventType: type } };
  }
  const payload = clientPayloads[type].safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, rejection: { code: "INVALID_PAYLOAD", message: describe(payload.error), eventType: type } };
  return { ok: true, event: { ...envelope.data, event_type: type, payload: payload.data } as ClientEvent };
}

/** Parses an event the server sent; for the browser, which should ignore what does not parse. */
export function parseServerEvent(raw: unknown): ServerEvent | null {
  const envelope = serverEnvelope.safeParse(raw);
  if (!envelope.success || !isKnown(serverPayloads, envelope.data.event_type)) return null;
  const payload = serverPayloads[envelope.data.event_type].safeParse(envelope.data.payload);
  return payload.success ? ({ ...envelope.data, payload: payload.data } as ServerEvent) : null;
}

export function makeClientEvent<T extends ClientEventType>(
  type: T,
  payload: z.input<(typeof clientPayloads)[T]>,
  context: { roomId: string; userId: string },
): EventEnvelope<T, z.input<(typeof clientPayloads)[T]>, string> {
  return { event_type: type, payload, timestamp: new Date().toISOString(), room_id: context.roomId, user_id: context.userId };
}

export function makeServerEvent<T extends ServerEventType>(
  type: T,
  payload: z.output<(typeof serverPayloads)[T]>,
  context: { roomId: string; userId: string | null },
): ServerEventOf<T> {
  return { event_type: type, payload, timestamp: new Date().toISOString(), room_id: context.roomId, user_id: context.userId } as ServerEventOf<T>;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "event"}: ${issue.message}` : "Invalid event.";
}
