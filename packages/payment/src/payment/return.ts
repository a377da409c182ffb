import type { Language } from '@sportello/core';
// Coming back from checkout: the page's address carries `?payment=<id>`. Only the widget that
// started that payment shows it (a page may hold several), and the completed event fires once per
// payment however often the page is reloaded. What is kept lives in the tab's sessionStorage,
// which a kiosk's session wipe clears.

const CHECKOUT = 'sportello.checkout';

/**
 * The notices a kiosk's "continue on your phone" code hands over in the page's fragment
 * (`#notice=…&creditor=…`, repeated), as [notice, creditor] pairs; none when they do not pair up.
 */
export function handedOverNotices(): [notice: string, creditor: string][] {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const notices = fragment.getAll('notice');
  const creditors = fragment.getAll('creditor');
  return notices.length === creditors.length ? notices.map((notice, i) => [notice, creditors[i]!]) : [];
}
const REPORTED = 'sportello.reportedPayments';

/** Where an element stands on the page, stable across a reload: tag and position, root by root. */
function ownerKey(element: Element): string {
  const segments: string[] = [];
  let node: Element | undefined = element;
  while (node) {
    const root = node.getRootNode() as Document | ShadowRoot;
    const tag = node.localName;
    const index = [...root.querySelectorAll(tag)].indexOf(node);
    segments.unshift(node.id ? `${tag}#${node.id}` : `${tag}[${index}]`);
    node = (root as ShadowRoot).host;
  }
  return segments.join('/');
}

/** Whether the element at `owner` is the element at `key` or inside it (in its shadow root). */
const isWithin = (owner: string, key: string) => owner === key || owner.startsWith(`${key}/`);

// Storage can be refused (site data blocked, a sandboxed iframe): then nothing is remembered, and
// paying still works; only coming back by the Back button starts afresh.
function read<T>(key: string): T | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered: see above.
  }
}

interface Checkout {
  paymentId: string;
  owner: string;
  /** The language the citizen was using: the page checkout returns to may open in another. */
  language?: Language;
  /** Its outcome has been shown: coming back to the page starts afresh. */
  settled?: boolean;
}

/** Notes that `element` is sending the citizen to checkout for `paymentId`, in `language`. */
export function rememberCheckout(element: Element, paymentId: string, language: Language): void {
  write(CHECKOUT, { paymentId, owner: ownerKey(element), language } satisfies Checkout);
}

/** The language the citizen was using when they went to checkout for `paymentId` from this tab. */
export function checkoutLanguage(paymentId: string): Language | undefined {
  const started = read<Checkout>(CHECKOUT);
  return started?.paymentId === paymentId ? started.language : undefined;
}

/** Notes that the outcome of `paymentId` has been shown: no longer a checkout to come back to. */
export function settleCheckout(paymentId: string): void {
  const started = read<Checkout>(CHECKOUT);
  if (started?.paymentId === paymentId && !started.settled) {
    write(CHECKOUT, { ...started, settled: true });
  }
}

/**
 * The payment this element, or a payment widget inside it (the catalogue's), sent the citizen to
 * checkout for, when they came back without an outcome (the browser's Back button, or checkout's
 * own "back to the site"): its notices are locked until it ends, so the citizen is shown it, with
 * a way back to checkout.
 */
export function unfinishedCheckoutWithin(element: Element): string | undefined {
  const started = read<Checkout>(CHECKOUT);
  return started && !started.settled && isWithin(started.owner, ownerKey(element))
    ? started.paymentId
    : undefined;
}

/**
 * The payment this element should show on return from checkout, if any: the page's `?payment=`,
 * when this element (or one inside it) started it. A payment this tab did not start (another tab,
 * another device) is shown by the first payment element in the page's order, and only by it.
 */
export function returningPaymentFor(element: Element): string | undefined {
  const paymentId = new URL(location.href).searchParams.get('payment');
  if (!paymentId) return undefined;
  const started = read<Checkout>(CHECKOUT);
  const mine = ownerKey(element);
  if (started?.paymentId === paymentId) return isWithin(started.owner, mine) ? paymentId : undefined;
  const first = ownerKey(element.ownerDocument.querySelector(PAYMENT_ELEMENTS) ?? element);
  // The first element, or the payment widget inside it (the catalogue's).
  return isWithin(mine, first) ? paymentId : undefined;
}

/** The elements that can show a payment's outcome. */
const PAYMENT_ELEMENTS = 'sportello-payment, sportello-payment-catalogue';

/**
 * The citizen is done with `paymentId` (moved on, pays again, or the gateway does not know it):
 * neither a checkout to come back to, nor, reloading the page, one to show again. Only
 * `?payment=<paymentId>` leaves the page's address: a payment another widget on the page shows stays.
 */
export function leavePayment(paymentId: string): void {
  settleCheckout(paymentId);
  const url = new URL(location.href);
  if (url.searchParams.get('payment') !== paymentId) return;
  url.searchParams.delete('payment');
  history.replaceState(history.state, '', url);
}

/** True the first time a payment's outcome is reported in this tab. */
export function firstReport(paymentId: string): boolean {
  const reported = read<string[]>(REPORTED) ?? [];
  if (reported.includes(paymentId)) return false;
  write(REPORTED, [...reported, paymentId]);
  return true;
}
