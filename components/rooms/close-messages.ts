/** What the room tells the user when the sidecar closes a socket for good (44xx codes). */
export function closeMessage(code: number, reason: string): string {
  switch (code) {
    case 4401:
      return "Your room session expired and could not be renewed. Reload the page.";
    case 4403:
      return "You are no longer a member of this room.";
    case 4413:
      return `Your last change was not saved: ${reason || "it would make this room too large"}. Reload the page to continue from the saved document.`;
    case 4429:
      return `The room closed this connection: ${reason || "too many messages or connections"}. Close other tabs of this room and reload.`;
    default:
      return `The room refused the connection${reason ? `: ${reason}` : ""}. Reload the page to try again.`;
  }
}
