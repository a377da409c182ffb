// Every domain event a Sportello element fires, typed in one place. They bubble, cross shadow
// roots (composed) and carry what the host page needs, never personal data.

export interface PaymentCompletedDetail {
  paymentId: string;
  status: 'paid' | 'cancelled' | 'failed';
  amountCents: number;
}

export interface BookingConfirmedDetail {
  /** The appointment's reference, e.g. `CIE-7K3M9Q` (not the manage code). */
  reference: string;
  service: string;
  /** When the appointment starts, ISO 8601 with the Rome offset. */
  start: string;
}

export interface MonthChangeDetail {
  /** The month now shown, `YYYY-MM`. */
  month: string;
}

export interface StepChangeDetail {
  /** The step now shown, by its name in the element (`summary`, `when`): never what was typed. */
  step: string;
}

export interface AnnouncementDetail {
  /** What the element's live region says: a step's title, news within a step, a problem. */
  text: string;
}

export interface KeyboardChangeDetail {
  /** Whether the kiosk's on-screen keyboard is shown. */
  open: boolean;
  /** CSS pixels it covers at the bottom of the viewport; 0 when closed. */
  height: number;
}

export interface AuthRequiredDetail {
  /** Which element needs the citizen signed in: `certificate`. */
  service: string;
  /** `missing`: no token was handed over; `expired`: the gateway refused it, and no new one came. */
  reason: 'missing' | 'expired';
}

export interface CertificateIssuedDetail {
  /** The certificate's kind (`family`), as in `CERTIFICATE_KINDS`. */
  kind: string;
  /** The certificate's identifier, as printed on it. */
  id: string;
}

export interface SportelloEventMap {
  /**
   * An element made of steps shows another step (see core's `StepFlow`): tutorials detect practice
   * goals from it ("the notice was found" is the payment reaching `summary`).
   */
  'sportello-step-change': CustomEvent<StepChangeDetail>;
  /**
   * An element says something to screen readers through its live region: offered to the page too,
   * for a kiosk's read-aloud, which cannot hear inside shadow roots.
   */
  'sportello-announcement': CustomEvent<AnnouncementDetail>;
  /**
   * The kiosk's on-screen keyboard opened, closed or changed height: a page that scrolls in its own
   * container pads it by `height` (or with `--sportello-keyboard-height`).
   */
  'sportello-keyboard-change': CustomEvent<KeyboardChangeDetail>;
  /** An appointment was booked (or moved to a new time). */
  'sportello-booking-confirmed': CustomEvent<BookingConfirmedDetail>;
  /**
   * At a kiosk, the citizen chose "I have finished" after handing the time they held over to their
   * phone: nothing of theirs is left in the booking widget. A kiosk shell can end the session on it.
   */
  'sportello-booking-start-over': CustomEvent<Record<string, never>>;
  /**
   * An element needs a signed-in citizen and has no token (none handed over through `getToken`, or
   * the gateway refused it and `getToken({ renew: true })` gave no new one): the host page starts
   * its own SPID/CIE sign-in, then the element asks `getToken` again when the citizen retries.
   */
  'sportello-auth-required': CustomEvent<AuthRequiredDetail>;
  /** A certificate was issued and its PDF is ready (kind and identifier only). */
  'sportello-certificate-issued': CustomEvent<CertificateIssuedDetail>;
  /** A calendar now shows another month (the citizen moved, or `value` was set): load its availability. */
  'sportello-month-change': CustomEvent<MonthChangeDetail>;
  /** A payment ended (the citizen came back from checkout, or finished the practice checkout). */
  'sportello-payment-completed': CustomEvent<PaymentCompletedDetail>;
  /**
   * The citizen chose "Pay another notice", or "I have finished" at a kiosk: nothing of theirs is
   * left in the payment widget. A kiosk shell can end the session on it.
   */
  'sportello-payment-start-over': CustomEvent<Record<string, never>>;
}

/** Fires a Sportello event from `target`, bubbling and composed. */
export function emit<K extends keyof SportelloEventMap>(
  target: EventTarget,
  type: K,
  detail: SportelloEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmenting the DOM's map
  interface HTMLElementEventMap extends SportelloEventMap {}
}
