/**
 * The element that answers a manage link (the address's fragment carries an appointment's
 * reference and code) on this page: the first managing element in the page's order
 * (`<sportello-booking-manage>`, or `<sportello-booking manage>`), else the first booking element.
 * Only one answers, so a page with both never shows the appointment twice.
 */
export function manageLinkOwner(element: Element): Element | null {
  const document = element.ownerDocument;
  return (
    document.querySelector('sportello-booking-manage, sportello-booking[manage]') ??
    document.querySelector('sportello-booking')
  );
}

/**
 * Whether `element` answers the page's manage link: it is the owner, or it is the managing element
 * the owner (a `<sportello-booking>`) shows inside itself.
 */
export function answersManageLink(element: Element): boolean {
  const owner = manageLinkOwner(element);
  if (owner === element) return true;
  const root = element.getRootNode();
  return root instanceof ShadowRoot && root.host === owner;
}

/** The appointment a manage link names, if the page's address has one. */
export function manageLinkIn(address: Location): { reference: string; code: string } | undefined {
  const link = new URLSearchParams(address.hash.slice(1));
  const reference = link.get('reference');
  const code = link.get('code');
  return reference && code ? { reference, code } : undefined;
}

/**
 * Takes the manage code out of the page's address once it is read: the browser's history on a
 * shared computer (a library, a kiosk) would otherwise keep a code that cancels the appointment.
 */
export function forgetManageLink(): void {
  const url = new URL(location.href);
  const link = new URLSearchParams(url.hash.slice(1));
  link.delete('reference');
  link.delete('code');
  url.hash = link.toString();
  history.replaceState(history.state, '', url);
}
