// Coming back to a certificate request: from pagoPA checkout, after a reload, on the phone a kiosk
// handed the stamp's payment to. The page's address carries `?certificate-request=<id>`: a random
// uuid, which says nothing about the citizen and is answered only to the citizen who made it.

// The element reads it where it starts (certificate.ts), without this module.
const PARAMETER = 'certificate-request';
const REPORTED = 'sportello.issuedCertificates';

/** `page` (by default this page) naming `requestId`, as pagoPA checkout comes back to it. */
export function addressOfRequest(requestId: string, page = ''): string {
  const url = new URL(page || location.href, location.href);
  url.searchParams.delete('payment'); // the checkout adds its own
  url.searchParams.set(PARAMETER, requestId);
  url.hash = '';
  return url.toString();
}

/** Names `requestId` in the page's address (undefined: none), so that a reload comes back to it. */
export function nameRequestInAddress(requestId: string | undefined): void {
  const url = new URL(location.href);
  if ((url.searchParams.get(PARAMETER) ?? undefined) === requestId) return;
  if (requestId) url.searchParams.set(PARAMETER, requestId);
  else url.searchParams.delete(PARAMETER);
  history.replaceState(history.state, '', url);
}

/**
 * True the first time this tab shows certificate `id` issued: coming back to it (a reload, the
 * Back button) shows it again without telling the page twice. Where storage is refused, it tells.
 */
export function firstShown(id: string): boolean {
  try {
    const shown = JSON.parse(sessionStorage.getItem(REPORTED) ?? '[]') as string[];
    if (shown.includes(id)) return false;
    sessionStorage.setItem(REPORTED, JSON.stringify([...shown, id]));
  } catch {
    // Not remembered: the event may fire again on a reload.
  }
  return true;
}
