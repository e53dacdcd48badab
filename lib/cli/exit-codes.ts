/** The CLI's exit codes; scripts may rely on them (documented in `eca --help` and docs/cli.md). */
export const EXIT = {
  ok: 0,
  usage: 1,
  auth: 2,
  notFound: 3,
  server: 4,
  rateLimited: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  ok
  1  usage error: bad arguments, or the server refused the input (400, 409, 413, 415, 422)
  2  authentication or permission error (401, 403), or no login
  3  not found (404): no such room, document, conversation or file
  4  server or network error (5xx, unreachable, unexpected answer)
  5  rate limited (429) for longer than a minute; short waits are sat out and retried`;

/** An error the CLI reports as one line on stderr before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** The server's stable error code, when the server gave one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The exit code for an HTTP error status. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 429) return EXIT.rateLimited;
  if (status >= 400 && status < 500) return EXIT.usage;
  return EXIT.server;
}
