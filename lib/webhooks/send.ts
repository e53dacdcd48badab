import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import type { DeliveryTarget } from "./address-policy";

export interface SignedMessage {
  /** The event's `msg_…` id, the same on every retry so receivers can drop duplicates. */
  eventId: string;
  secret: string;
  body: string;
  timestamp: Date;
}

export interface AttemptResult {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
// Only the start of a receiver's answer is kept (for the delivery list); the rest is not read.
const MAX_RESPONSE_BYTES = 2048;

/** The Standard Webhooks headers for a message. */
export function signatureHeaders(message: SignedMessage): Record<string, string> {
  return {
    "webhook-id": message.eventId,
    "webhook-timestamp": String(Math.floor(message.timestamp.getTime() / 1000)),
    "webhook-signature": new Webhook(message.secret).sign(message.eventId, message.timestamp, message.body),
  };
}

/** A DNS lookup that answers only the address already checked. */
function pinnedLookup(target: DeliveryTarget): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
}

function readStart(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_BYTES));
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_RESPONSE_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on("end", done);
    res.on("error", done);
    res.on("close", done);
  });
}

/**
 * POSTs a signed message to the checked address of `target` (redirects are not followed), waiting
 * at most `timeoutMs` for the whole exchange. A 2xx answer is a success; anything else is a failure
 * with its reason. Never throws.
 */
export function sendSignedWebhook(target: DeliveryTarget, message: SignedMessage, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    const req = send(
      target.url,
      {
        method: "POST",
        lookup: pinnedLookup(target),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          "content-type": "application/json",
          "user-agent": "EliteCodingAssistant-Webhooks/1",
          "content-length": Buffer.byteLength(message.body),
          ...signatureHeaders(message),
        },
      },
      (res) => {
        void readStart(res).then((text) => {
          const code = res.statusCode ?? 0;
          const ok = code >= 200 && code < 300;
          resolve({ ok, responseCode: code, error: ok ? null : `HTTP ${code}${text ? `: ${text.slice(0, 200)}` : ""}`, durationMs: elapsed() });
        });
      },
    );
    req.on("error", (err: Error & { code?: string }) => {
      const reason = err.name === "AbortError" || err.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (err.code ?? err.message);
      resolve({ ok: false, responseCode: null, error: reason, durationMs: elapsed() });
    });
    req.end(message.body);
  });
}
