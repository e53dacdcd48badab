/**
 * WebSocket close codes the sidecar uses. The y-websocket client stops reconnecting only for
 * 4400–4499, so those mark decisions a retry cannot change; the 1xxx codes below are transient and
 * the client reconnects after them.
 */
export const CLOSE = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  rateLimited: 4429,
  messageTooLarge: 1009,
  serverError: 1011,
  restarting: 1012,
  tryAgainLater: 1013,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** Why the sidecar refused or closed a connection; the label of the rejection metrics. */
export type CloseReason =
  | "bad_route"
  | "token_missing"
  | "token_invalid"
  | "token_expired"
  | "token_wrong_room"
  | "not_member"
  | "too_many_connections"
  | "rate_limited"
  | "message_too_large"
  | "file_too_large"
  | "room_too_large"
  | "malformed"
  | "membership_revoked"
  | "load_failed"
  | "slow_consumer"
  | "shutdown";
