import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * Messages sidecars exchange about a room over Redis (binary, lib0-encoded). Each carries the
 * sending instance's id so an instance can ignore its own messages.
 * - update / awareness: a change one instance received from its clients (every instance holding
 *   the room applies, relays and persists updates)
 * - sync-request: "send me what I lack", with the sender's state vector (after loading a room,
 *   and after a Redis reconnect)
 * - sync-reply: the answer, addressed to one instance, with the replier's state vector so the
 *   requester can send back what the replier lacks
 * - event: a JSON server event to deliver to the room's event sockets
 * - presence: the users connected to the sender (JSON), so presence summaries cover every instance
 */
export type FanoutMessage =
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "sync-request"; stateVector: Uint8Array }
  | { kind: "sync-reply"; to: string; update: Uint8Array; stateVector: Uint8Array }
  | { kind: "event"; json: string }
  | { kind: "presence"; json: string };

const KINDS = ["update", "awareness", "sync-request", "sync-reply", "event", "presence"] as const;

export function encodeFanout(from: string, message: FanoutMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, from);
  encoding.writeVarUint(e, KINDS.indexOf(message.kind));
  switch (message.kind) {
    case "update":
    case "awareness":
      encoding.writeVarUint8Array(e, message.update);
      break;
    case "sync-request":
      encoding.writeVarUint8Array(e, message.stateVector);
      break;
    case "sync-reply":
      encoding.writeVarString(e, message.to);
      encoding.writeVarUint8Array(e, message.update);
      encoding.writeVarUint8Array(e, message.stateVector);
      break;
    case "event":
    case "presence":
      encoding.writeVarString(e, message.json);
      break;
  }
  return encoding.toUint8Array(e);
}

/** Decodes a fanout message; throws on anything malformed. */
export function decodeFanout(data: Uint8Array): { from: string; message: FanoutMessage } {
  const d = decoding.createDecoder(data);
  const from = decoding.readVarString(d);
  const kind = KINDS[decoding.readVarUint(d)];
  switch (kind) {
    case "update":
    case "awareness":
      return { from, message: { kind, update: decoding.readVarUint8Array(d) } };
    case "sync-request":
      return { from, message: { kind, stateVector: decoding.readVarUint8Array(d) } };
    case "sync-reply":
      return {
        from,
        message: { kind, to: decoding.readVarString(d), update: decoding.readVarUint8Array(d), stateVector: decoding.readVarUint8Array(d) },
      };
    case "event":
    case "presence":
      return { from, message: { kind, json: decoding.readVarString(d) } };
    default:
      throw new Error("unknown fanout message kind");
  }
}
