// Browser tests: a network between the widgets and the page's sandbox, which loses or replaces the
// answer to a request the sandbox did run, as a dropped connection or a proxy does with a gateway.
import { fixture, html } from '@open-wc/testing';
import { apiClientFor, type SandboxTransport } from '@sportello/core';

/** Where core keeps the page's sandbox, shared by every copy of Sportello on the page. */
export const page = globalThis as unknown as Record<symbol, Promise<SandboxTransport>>;
export const PAGE_SANDBOX = Symbol.for('sportello.sandbox.instance');

/** The page's sandbox, asked as other citizens and the office ask it (no widget). */
export const sandboxApi = async () =>
  apiClientFor(await fixture<HTMLDivElement>(html`<div gateway="sandbox"></div>`));

/**
 * Puts `network` between the widgets and the page's sandbox (loading it first), as a real network
 * sits between them and a gateway: it gets the sandbox's own fetch and returns the one they use.
 */
export async function throughNetwork(network: (sandboxFetch: typeof fetch) => typeof fetch) {
  await (await sandboxApi()).get('/api/health'); // the page's sandbox is loaded
  const sandbox = await page[PAGE_SANDBOX]!;
  page[PAGE_SANDBOX] = Promise.resolve({ ...sandbox, fetch: network(sandbox.fetch) });
}

/**
 * The answer to the next request to `path` whose body has `bodyHas` lost on its way back: the
 * sandbox does what was asked, and the widget hears nothing of it (a dropped connection), or
 * `instead` (a proxy's "gateway timeout" while the gateway went on).
 */
export async function loseNextAnswer(path: string, bodyHas = '', instead?: Response) {
  let lost = false;
  await throughNetwork((sandboxFetch) => async (input, init) => {
    const response = await sandboxFetch(input, init);
    if (!lost && String(input).endsWith(path) && String(init?.body).includes(bodyHas)) {
      lost = true;
      if (instead) return instead;
      throw new TypeError('Failed to fetch');
    }
    return response;
  });
}
