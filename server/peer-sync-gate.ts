/**
 * Opens when another sidecar first answers a room's sync request. Waiters resolve then, or after
 * their own timeout when no peer answers (none holds the room).
 */
export class PeerSyncGate {
  private opened = false;
  private readonly waiters = new Set<() => void>();

  open(): void {
    this.opened = true;
    this.waiters.forEach((done) => done());
  }

  wait(ms: number): Promise<void> {
    if (this.opened) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }
}
