import { ApiError, WriteAttempt, type ApiClient, type Schemas } from '@sportello/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Hold = Schemas['Hold'];
type KioskPlace = Schemas['KioskPlace'];

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
 *
 * "Continue on your phone": a kiosk asks for a hand-off code for its hold (`handOff`); a phone
 * claims the code (`claim`) and gets the hold under a new id, with the kiosk it came from. A hold a
 * code was given for is never given back from the kiosk, not even at the session's end: the phone
 * may claim it at any moment until it runs out (a claim on its way while the kiosk gave the time
 * back would find it gone). Once claimed, the kiosk's id controls nothing anyway. The cost: until
 * it is claimed or runs out, it counts as one of the kiosk's two holds.
 */
export class SlotHold implements ReactiveController {
  /** The hold the gateway gave, if any. */
  current?: Hold;
  /** The one-minute warning has been given for the current hold. */
  warned = false;
  /** The gateway would not hold this time longer: the warning no longer offers it. */
  extendRefused = false;
  /** The kiosk the hold was handed over from (on the phone), while it holds that time. */
  handedOverFrom?: KioskPlace;
  private readonly request = new WriteAttempt<Schemas['HoldInput']>();
  /** Claiming a hand-off code: the same key on a retry, so a lost answer never claims it twice. */
  private readonly claimRequest = new WriteAttempt<string>();
  /** The hold a hand-off code was given for (at the kiosk): never given back from here. */
  private handedOffId?: string;
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

  /** Whether a hand-off code was given for the current hold: it is the phone's to finish. */
  get handedOff(): boolean {
    return this.current !== undefined && this.current.id === this.handedOffId;
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
   * At a kiosk (its key): asks the gateway for a code that hands the current hold over to a phone,
   * settling an unanswered request first, so that the code is for the hold the gateway has. From
   * then on the hold is not given back from here (see above).
   */
  async handOff(kioskKey: string): Promise<Schemas['HandOff']> {
    await this.settle();
    const hold = this.current;
    if (!hold) throw new Error('No time is held to hand over');
    const handOff = await this.api().post('/api/booking/holds/{id}/hand-offs', {
      params: { id: hold.id },
      headers: { 'Sportello-Kiosk-Key': kioskKey },
    });
    this.handedOffId = hold.id;
    return handOff;
  }

  /**
   * On the phone: claims a kiosk's hand-off code. The hold becomes this one (under its new id),
   * with the kiosk it came from. Refused ("used", "no longer held", "too many holds"): nothing
   * changes, and a new try takes a new key; with no answer, a try again uses the same key.
   */
  async claim(code: string): Promise<KioskPlace> {
    try {
      const { hold, kiosk } = await this.claimRequest.send(code, (idempotencyKey) =>
        this.api().post('/api/booking/hand-off-claims', { body: { code }, idempotencyKey }),
      );
      this.took(hold);
      this.handedOverFrom = kiosk;
      this.host.requestUpdate();
      return kiosk;
    } catch (error) {
      // "Too many holds" said "later", but nothing was claimed: the code is still good.
      if (error instanceof ApiError && error.code === 'too-many-holds') this.claimRequest.forget();
      throw error;
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
    const handedOff = this.handedOff;
    this.lapse();
    if (!held || handedOff) return; // handed off: the phone's to finish (see above)
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
    this.handedOverFrom = undefined;
    this.handedOffId = undefined;
    this.request.forget(); // nothing more is asked for a hold left behind
    this.claimRequest.forget();
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
    // Kept longer, the time handed over from a kiosk is still that time; another time is not.
    if (hold.start !== this.current?.start) this.handedOverFrom = undefined;
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
