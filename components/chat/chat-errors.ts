/** A failed turn as the UI shows it; parsed from an HTTP error body or a stream error chunk. */
export interface ChatFailure {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

const GENERIC: ChatFailure = { code: "INTERNAL", message: "Something went wrong. Try again." };

export function parseChatFailure(error: Error | undefined): ChatFailure | null {
  if (!error) return null;
  try {
    const body = JSON.parse(error.message) as {
      code?: string;
      message?: string;
      error?: { code?: string; message?: string; details?: { retryAfterSeconds?: number } };
    };
    const source = body.error ?? body;
    if (typeof source.code !== "string" || typeof source.message !== "string") return GENERIC;
    const retryAfterSeconds = body.error?.details?.retryAfterSeconds;
    return { code: source.code, message: source.message, ...(typeof retryAfterSeconds === "number" && { retryAfterSeconds }) };
  } catch {
    // A network failure (the server went away): not JSON.
    return { code: "NETWORK", message: "The connection to the server was lost. Try again." };
  }
}
