/** Counts each user's open sockets (document and events, all rooms) against a limit. */
export class UserConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  tryAcquire(userId: string): boolean {
    const count = this.counts.get(userId) ?? 0;
    if (count >= this.limit) return false;
    this.counts.set(userId, count + 1);
    return true;
  }

  release(userId: string): void {
    const count = (this.counts.get(userId) ?? 0) - 1;
    if (count > 0) this.counts.set(userId, count);
    else this.counts.delete(userId);
  }
}
