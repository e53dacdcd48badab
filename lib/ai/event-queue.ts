/**
 * A push-to-pull bridge: a producer pushes events as they happen, a consumer iterates them.
 * When the consumer stops early (break / return), `onCancel` tells the producer to stop.
 */
export interface EventQueue<T> {
  push(event: T): void;
  /** No more events; a waiting consumer finishes. */
  end(): void;
  iterator: AsyncIterator<T>;
}

export function createEventQueue<T>(onCancel: () => void): EventQueue<T> {
  const buffered: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;

  function notify() {
    wake?.();
    wake = undefined;
  }

  const iterator: AsyncIterator<T> = {
    async next() {
      while (buffered.length === 0 && !ended) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return buffered.length > 0 ? { done: false, value: buffered.shift() as T } : { done: true, value: undefined };
    },
    async return() {
      if (!ended) {
        ended = true;
        buffered.length = 0;
        notify();
        onCancel();
      }
      return { done: true, value: undefined };
    },
  };

  return {
    push(event) {
      if (ended) return;
      buffered.push(event);
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    iterator,
  };
}
