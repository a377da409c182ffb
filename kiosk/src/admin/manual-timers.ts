// Timers that run only when a test moves their time on: the admin gesture's hold and the
// heartbeat's interval are tested without sleeping. Used by tests only; nothing in the app imports it.

interface Pending {
  callback: () => void;
  due: number;
  every?: number;
}

export interface ManualTimers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): number;
  clearInterval(handle: unknown): void;
  /** Moves time on by `ms`, running each timer that falls due, in order, as often as it falls due. */
  advance(ms: number): void;
  /** How many timers are waiting. */
  readonly pending: number;
}

export function manualTimers(): ManualTimers {
  let time = 0;
  let nextHandle = 1;
  const timers = new Map<number, Pending>();
  const clear = (handle: unknown) => void timers.delete(handle as number);
  const add = (pending: Pending) => {
    timers.set(nextHandle, pending);
    return nextHandle++;
  };
  return {
    setTimeout: (callback, ms) => add({ callback, due: time + ms }),
    setInterval: (callback, ms) => add({ callback, due: time + ms, every: ms }),
    clearTimeout: clear,
    clearInterval: clear,
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const [handle, next] = [...timers].sort(([, a], [, b]) => a.due - b.due)[0] ?? [];
        if (!next || next.due > end) break;
        time = next.due;
        if (next.every) next.due += next.every;
        else timers.delete(handle!);
        next.callback();
      }
      time = end;
    },
    get pending() {
      return timers.size;
    },
  };
}
