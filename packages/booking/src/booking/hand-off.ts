// "Continue on your phone", the link between the two ends: the kiosk's code opens the booking's
// public page on the phone with the hand-off code in the address's fragment (never sent to a
// server, unlike a query), and the page's booking element takes it from there. The link carries
// the code, and the service and office (to start at their times should the code be refused):
// nothing about the citizen. Which kiosk the time comes from is the gateway's to say, not the link's.
import type { Schemas } from '@sportello/core';

/** What a kiosk's "continue on your phone" link carries. */
export interface HandOffLink {
  code: string;
  service?: string;
  office?: string;
}

const HAND_OFF_KEYS = ['handoff', 'service', 'office'] as const;

/** The address a phone opens: `page` (the public booking page) with the link in its fragment. */
export function handOffUrl(page: string, code: string, hold: Schemas['Hold']): string {
  const url = new URL(page || location.href, location.href);
  url.hash = new URLSearchParams({ handoff: code, service: hold.service, office: hold.office }).toString();
  return url.toString();
}

/** The hand-off link in the page's address, if it has one. */
export function handOffLinkIn(address: Location): HandOffLink | undefined {
  const link = new URLSearchParams(address.hash.slice(1));
  const code = link.get('handoff');
  if (!code) return undefined;
  const service = link.get('service');
  const office = link.get('office');
  return { code, ...(service ? { service } : {}), ...(office ? { office } : {}) };
}

/**
 * Takes the link out of the page's address once it is read, keeping its path and query: reloading
 * the page, or going back to it, must not claim a used code again ("already used").
 */
export function forgetHandOffLink(): void {
  const url = new URL(location.href);
  const link = new URLSearchParams(url.hash.slice(1));
  for (const key of HAND_OFF_KEYS) link.delete(key);
  url.hash = link.toString();
  history.replaceState(history.state, '', url);
}

/**
 * The element that claims the page's hand-off link: the first booking element of the page that
 * books (not one with `manage`), so that a page with two never claims the code twice.
 */
export function handOffOwner(element: Element): Element | null {
  return element.ownerDocument.querySelector('sportello-booking:not([manage])');
}
