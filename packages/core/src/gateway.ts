import { closestAttribute } from './context-attribute.js';

/** The value that selects the in-browser sandbox instead of a server (tutorials, demos). */
export const SANDBOX_GATEWAY = 'sandbox';

/**
 * The base URL of the gateway an element talks to, chosen by the page without code:
 * the element's own `gateway` attribute, else the nearest ancestor's `data-sportello-gateway`,
 * else the page's `<meta name="sportello-gateway" content="...">`, else the page's own origin.
 * A municipality points every widget at its own back end with the meta tag; `sandbox` selects
 * the in-browser sandbox. Returned without a trailing slash.
 */
export function gatewayOf(element: Element): string {
  const configured =
    closestAttribute(element, ['gateway', 'data-sportello-gateway']) ??
    element.ownerDocument.querySelector<HTMLMetaElement>('meta[name="sportello-gateway"]')?.content;
  const value = configured?.trim() || element.ownerDocument.location?.origin || '';
  return value === SANDBOX_GATEWAY ? value : value.replace(/\/+$/, '');
}
