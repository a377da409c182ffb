import { ApiError, WriteAttempt, type ApiClient, type Schemas } from '@sportello/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Hold = Schemas['Hold'];

/** How long before a hold runs out the citizen is warned, with a way to keep it longer. */
export const WARN_BEFORE_MS = 60_000;

/**
 * The time the gateway holds for the citizen while they finish (ten minutes), and the request for
 * one whose answer has not come yet.
 *
 * A hold asked for (a time chosen, or the same time for longer) may get no answer: a dropped
 * connection, a timeout, "still running". The gateway may hold it, in place of the hold shown,
 * which it then gave back. Before any hold is used (gone on with, kept longer, confirmed, moved to,
 * replaced by another time), `settle()` sends the request again with its key: the gateway answers
 * as it did the first time, or holds it now, and the hold is the one it has. Without this, going
 * on with the time shown as held, or confirming it, would send a hold given back ("your time is
 * over"), and the other would keep a place for ten minutes for nobody. Refused, nothing was made.
 *
 * While a hold runs, the host renders every second (the time left); the ticker stops when the
 * element leaves the page and starts again when it comes back.
 *
 * A hold the citizen leaves behind (the booking starts afresh, or they go back past the times) is
 * given back at once (`release`), so that its place is free for others now, and so that the two
 * holds a client may have are not used up by times nobody is booking (a kiosk: every citizen
 * after the first).
 */
export class SlotHold implements ReactiveController {
  /** The hold the gateway gave, if any. */
  current?: Hold;
  /** The one-minute warning has been given for the current hold. */
  warned = false;
  /** The gateway would not hold this time longer: the warning no longer offers it. */
  extendRefused = false;
  private readonly request = new WriteAttempt<Schemas['HoldInput']>();
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => ApiClient,
  ) {
    host.addController(this);
  }

  /** Whether a hold was asked for and its answer has not come: it may exist at the gateway. */
  get unanswered(): boolean {
    return this.request.unanswered;
  }

  /** Milliseconds left on the hold, by the gateway's clock (see the API client's `now`). */
  get left(): number {
    return this.current ? Date.parse(this.current.expiresAt) - this.api().now() : 0;
  }

  /** Asks the gateway to hold `body`'s time (in place of `replaces`, when given). */
  async ask(body: Schemas['HoldInput']): Promise<void> {
    try {
      this.took(await this.request.send(body, (idempotencyKey) => this.post(body, idempotencyKey)));
    } catch (error) {
      this.forgetIfTooMany(error);
      throw error;
    }
  }

  /** Sends an unanswered request again with its key (see above); a refusal means nothing was made. */
  async settle(): Promise<void> {
    try {
      const hold = await this.request.resend((key, body) => this.post(body, key));
      if (hold) this.took(hold);
    } catch (error) {
      this.forgetIfTooMany(error);
      if (this.request.unanswered) throw error; // still no answer
    }
  }

  /**
   * Gives the hold back, without a word: best effort, as the citizen has moved on. A release that
   * fails is not theirs to hear of; the hold runs out in minutes anyway. The hold is let go at once;
   * the promise says when the gateway has answered (or could not be reached), for a kiosk that must
   * know the place is free before the next citizen comes.
   */
  async release(): Promise<void> {
    const held = this.current;
    this.lapse();
    if (!held) return;
    await this.api()
      .delete('/api/booking/holds/{id}', { params: { id: held.id } })
      .catch(() => undefined);
  }

  /**
   * "Too many holds" says "later" (Retry-After), but nothing was held: the request is over, not
   * waiting to be sent again with its key, which would only be refused again before the next one.
   */
  private forgetIfTooMany(error: unknown): void {
    if (error instanceof ApiError && error.code === 'too-many-holds') this.request.forget();
  }

  /** The hold is let go without a word: the citizen left it behind, or it became an appointment. */
  lapse(): void {
    this.current = undefined;
    this.warned = false;
    this.extendRefused = false;
    this.request.forget(); // nothing more is asked for a hold left behind
    this.stopTicker();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.current) this.startTicker();
  }

  hostDisconnected(): void {
    this.stopTicker();
  }

  private post(body: Schemas['HoldInput'], idempotencyKey: string) {
    return this.api().post('/api/booking/holds', { body, idempotencyKey });
  }

  private took(hold: Hold): void {
    this.current = hold;
    this.warned = false;
    this.extendRefused = false;
    this.startTicker();
    this.host.requestUpdate();
  }

  private startTicker(): void {
    this.stopTicker();
    this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}
