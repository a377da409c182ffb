import { isRefusal } from '../api/client.js';
import { randomUuid } from '../random-uuid.js';

/**
 * One logical write (book this hold, pay this cart, make this notice) and its Idempotency-Key. The
 * key is kept while the request stays the same, so a retry after a lost answer, or a "not now",
 * gets the first answer back instead of doing the write twice; it is dropped once the write is
 * answered, or refused for good (nothing was done, and a new attempt takes a new key). A request
 * that changes (another cart, another hold) is another write, with a key of its own.
 *
 * ```ts
 * private readonly payment = new WriteAttempt<Notice[]>();
 * const checkout = await this.payment.send(this.cart, (key, cart) =>
 *   api.post('/api/payments/checkouts', { body: { notices: cart }, idempotencyKey: key }),
 * );
 * ```
 */
export class WriteAttempt<Request = unknown> {
  private current?: { key: string; request: Request; same: string };

  /** The request of the write sent without an answer yet (or not settled), if any. */
  get pending(): Request | undefined {
    return this.current?.request;
  }

  /** Whether a write was sent and is not settled: it may have been done. */
  get unanswered(): boolean {
    return this.current !== undefined;
  }

  /**
   * Sends `request` with its key: the key of the unanswered attempt when the request is the same
   * (compared as JSON), a new one otherwise. Answered, the attempt is over; refused for good, too;
   * with no answer or a "not now", it is kept, to be sent again with the same key.
   */
  async send<T>(request: Request, write: (key: string, request: Request) => Promise<T>): Promise<T> {
    const same = JSON.stringify(request) ?? '';
    if (this.current?.same !== same) this.current = { key: randomUuid(), request, same };
    const attempt = this.current;
    try {
      const answer = await write(attempt.key, request);
      if (this.current === attempt) this.current = undefined;
      return answer;
    } catch (error) {
      if (isRefusal(error) && this.current === attempt) this.current = undefined;
      throw error;
    }
  }

  /** Sends the unanswered attempt again, with its key; nothing when there is none. */
  async resend<T>(write: (key: string, request: Request) => Promise<T>): Promise<T | undefined> {
    const attempt = this.current;
    return attempt ? this.send(attempt.request, write) : undefined;
  }

  /** Forgets the attempt: a new citizen, a cart changed, a hold left behind. */
  forget(): void {
    this.current = undefined;
  }
}
