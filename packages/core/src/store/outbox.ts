import { randomUuid } from '../random-uuid.js';

/** A write made while offline, kept until the server has taken it. */
export interface OutboxEntry {
  /** Increasing in the order writes were queued, which is the order they are replayed in. */
  id: number;
  /** Sent as the `Idempotency-Key` header on every attempt: the server runs the write at most once. */
  idempotencyKey: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: string;
  headers?: Record<string, string>;
  createdAt: number;
  attempts: number;
  /** Set when the server refused the write for good (a 4xx): kept for the widget to explain, not retried. */
  rejectedWith?: number;
}

export type QueuedWrite = Pick<OutboxEntry, 'method' | 'url'> & {
  body?: unknown;
  headers?: Record<string, string>;
};

export interface Delivery {
  entry: OutboxEntry;
  status: number;
  /** The response body as text (the widget parses it). */
  body: string;
}

export interface ReplayReport {
  delivered: Delivery[];
  rejected: Delivery[];
  /** Entries still waiting because the server could not be reached or answered "try later". */
  waiting: number;
}

export interface OutboxTable {
  /** Stores a new entry and returns the id it was given. */
  add(entry: Omit<OutboxEntry, 'id'>): Promise<number>;
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: number): Promise<void>;
}

// Worth another try later: timeouts, "too early", rate limits, and every server-side failure.
const RETRYABLE = new Set([408, 425, 429]);

/**
 * Writes queued while offline, replayed in order on `online` and on demand. Each entry keeps one
 * Idempotency-Key for all its attempts, so a replay that reaches the server twice (a lost response,
 * two tabs, background sync) is still done once. A call during a replay gets that replay's report;
 * only after `cancel()` can a new replay run while the cancelled one's request is still out, and
 * the key keeps that write single too.
 */
export class Outbox {
  private running?: { report: Promise<ReplayReport>; controller: AbortController };

  constructor(private readonly options: { fetch: typeof fetch; now: () => number; table: OutboxTable }) {}

  async enqueue(write: QueuedWrite): Promise<OutboxEntry> {
    const entry: Omit<OutboxEntry, 'id'> = {
      idempotencyKey: randomUuid(),
      method: write.method,
      url: write.url,
      createdAt: this.options.now(),
      attempts: 0,
    };
    if (write.body !== undefined) {
      entry.body = typeof write.body === 'string' ? write.body : JSON.stringify(write.body);
    }
    if (write.headers) entry.headers = write.headers;
    return { ...entry, id: await this.options.table.add(entry) };
  }

  /** Queued entries, oldest first. */
  async entries(): Promise<OutboxEntry[]> {
    return (await this.options.table.all()).sort((a, b) => a.id - b.id);
  }

  /** Drops an entry, typically a rejected one once the citizen has been told. */
  discard(id: number): Promise<void> {
    return this.options.table.delete(id);
  }

  replay(): Promise<ReplayReport> {
    if (!this.running) {
      const controller = new AbortController();
      const running = {
        controller,
        report: this.replayOnce(controller.signal).finally(() => {
          if (this.running === running) this.running = undefined;
        }),
      };
      this.running = running;
    }
    return this.running.report;
  }

  /**
   * Stops the replay that is running, at once: its request is aborted and, whether or not the fetch
   * given heeds that, it touches the table no more. A wipe calls it, so that it neither waits on a
   * network that does not answer nor has an entry written back into a database it has deleted.
   * The entry being sent stays as it was: sent again by the next replay, with its key.
   */
  cancel(): void {
    this.running?.controller.abort();
    this.running = undefined;
  }

  /** Replays whenever the browser comes back online; returns a function that stops listening. */
  replayWhenOnline(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const onOnline = () => void this.replay();
    target.addEventListener('online', onOnline);
    return () => target.removeEventListener('online', onOnline);
  }

  private async replayOnce(signal: AbortSignal): Promise<ReplayReport> {
    const report: ReplayReport = { delivered: [], rejected: [], waiting: 0 };
    const pending = (await this.entries()).filter((entry) => entry.rejectedWith === undefined);
    for (const [index, entry] of pending.entries()) {
      // Cancelled (a wipe): nothing more is sent, even by a fetch that would not heed the signal.
      if (signal.aborted) {
        report.waiting = pending.length - index;
        break;
      }
      const attempt = { ...entry, attempts: entry.attempts + 1 };
      let response: Response;
      try {
        response = await this.options.fetch(entry.url, {
          method: entry.method,
          headers: {
            ...(entry.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...entry.headers,
            'Idempotency-Key': entry.idempotencyKey,
          },
          ...(entry.body !== undefined ? { body: entry.body } : {}),
          signal,
        });
      } catch {
        response = Response.error();
      }
      const body = await response.text().catch(() => '');
      // Cancelled meanwhile: the table is not touched again, this entry and the rest wait.
      if (signal.aborted) {
        report.waiting = pending.length - index;
        break;
      }
      const { status } = response;
      // Any answer with Retry-After says "later" too, whatever its status: the contract's 409
      // idempotency-request-in-progress (this write, sent by another tab, still running) among them.
      const later = response.headers.has('Retry-After');
      if (status === 0 || status >= 500 || RETRYABLE.has(status) || later) {
        // Unreachable or "later": keep this one and the rest, in order, for the next replay.
        await this.options.table.put(attempt);
        report.waiting = pending.length - index;
        break;
      }
      const delivery = { entry: attempt, status, body };
      if (response.ok) {
        await this.options.table.delete(entry.id);
        report.delivered.push(delivery);
      } else {
        await this.options.table.put({ ...attempt, rejectedWith: status });
        report.rejected.push(delivery);
      }
    }
    return report;
  }
}
