// Getting a document the gateway made (a certificate, a self-declaration) from its download link,
// which works once for 15 minutes: downloaded here, on the phone through a QR code, or printed at
// a kiosk. Each way takes a link of its own, so that printing does not use up the phone's.
import { ApiError, documentLink, gatewayOf, NetworkError, SANDBOX_GATEWAY } from '@sportello/core';

/** The link as a phone opens it: absolute, on the gateway's address. */
export function absoluteLink(element: Element, path: string): string {
  const gateway = gatewayOf(element);
  // The sandbox has no address a phone could reach: practice shows the page's own.
  return new URL(gateway === SANDBOX_GATEWAY ? path : `${gateway}${path}`, location.href).toString();
}

/**
 * Prints the document behind `path` (at a kiosk with a printer, Chromium prints without a dialog).
 * A practice document of the sandbox is saved instead: the kiosk's paper is for real ones.
 */
export async function printDocument(root: ParentNode, element: Element, path: string, filename: string) {
  const link = documentLink(element, path, filename);
  if (gatewayOf(element) === SANDBOX_GATEWAY) return link.follow(new Event('click'));
  let response: Response;
  try {
    response = await fetch(link.href);
  } catch (error) {
    throw new NetworkError(navigator.onLine ? 'network' : 'offline', { cause: error });
  }
  if (!response.ok) {
    // A used or expired link (410), said as the API's problems are.
    const problem = (await response.json().catch(() => ({}))) as object;
    throw new ApiError({
      type: 'about:blank',
      title: response.statusText,
      status: response.status,
      code: 'http-error',
      ...problem,
    });
  }
  const url = URL.createObjectURL(await response.blob());
  // Out of sight rather than hidden: a frame that is not rendered does not print.
  const frame = Object.assign(document.createElement('iframe'), { src: url, title: filename, tabIndex: -1 });
  frame.className = 'print-frame';
  frame.addEventListener(
    'load',
    () => {
      frame.contentWindow?.print();
      // Kept for a minute: the printer may still be reading it.
      setTimeout(() => {
        frame.remove();
        URL.revokeObjectURL(url);
      }, 60_000);
    },
    { once: true },
  );
  root.append(frame);
}
