import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * The y-websocket wire format: `[messageType varUint][body]`. Sync bodies are
 * `[syncType varUint][varUint8Array]`, awareness bodies one varUint8Array.
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

/** A document change with its decoded structs (for admission checks before it is applied). */
export type DecodedStructs = ReturnType<typeof Y.decodeUpdate>["structs"];

export type DocMessage =
  | { type: "sync-step-1"; stateVector: Uint8Array }
  | { type: "sync-step-2"; update: Uint8Array; structs: DecodedStructs }
  | { type: "update"; update: Uint8Array; structs: DecodedStructs }
  | { type: "awareness"; update: Uint8Array }
  | { type: "query-awareness" }
  | { type: "auth" };

export class MalformedMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedMessageError";
  }
}

/**
 * Decodes one client frame. Throws MalformedMessageError for anything that is not a well-formed
 * message, including Yjs payloads that do not decode (checked before they touch a document).
 */
export function decodeDocMessage(frame: Uint8Array): DocMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new MalformedMessageError("trailing bytes after the message");
    if (message.type === "sync-step-1") Y.decodeStateVector(message.stateVector);
    return message;
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err));
  }
}

function readMessage(decoder: decoding.Decoder): DocMessage {
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const body = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) return { type: "sync-step-1", stateVector: body };
      if (syncType === syncProtocol.messageYjsSyncStep2) return { type: "sync-step-2", update: body, structs: Y.decodeUpdate(body).structs };
      if (syncType === syncProtocol.messageYjsUpdate) return { type: "update", update: body, structs: Y.decodeUpdate(body).structs };
      throw new MalformedMessageError(`unknown sync message type ${syncType}`);
    }
    case MESSAGE_AWARENESS:
      return { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: "query-awareness" };
    case MESSAGE_AUTH:
      // Clients have nothing to say on the auth channel; read and ignore the rest.
      decoder.pos = decoder.arr.length;
      return { type: "auth" };
    default:
      throw new MalformedMessageError(`unknown message type ${messageType}`);
  }
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return encode((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An awareness message with the states of the given clients (all known clients by default). */
export function encodeAwarenessStates(awareness: awarenessProtocol.Awareness, clients?: number[]): Uint8Array {
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients ?? [...awareness.getStates().keys()]));
}
