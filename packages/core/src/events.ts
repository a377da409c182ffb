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

export interface SportelloEventMap {
  /** An appointment was booked (or moved to a new time). */
  'sportello-booking-confirmed': CustomEvent<BookingConfirmedDetail>;
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
