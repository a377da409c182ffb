// The CDN entry, dist/sportello.js: a small loader that defines each Sportello element the first
// time the page shows it, downloading that element's module then (see ./elements.ts). Core's API
// is dist/core.js; `signInToSandbox`, the one call a page made on the old all-in-one bundle that
// can wait for a download, stays here.
import { elementModules } from './elements.js';
import { defineOnSight } from './loader.js';

defineOnSight(elementModules);

/**
 * Signs a demo citizen in to the page's sandbox (`gateway="sandbox"`) and returns the token to give
 * the widgets: `signInToSandbox` of `@sportello/core`, downloaded with core's API when called.
 */
export async function signInToSandbox(fiscalCode: string): Promise<string> {
  const core = await import('./core.js');
  return core.signInToSandbox(fiscalCode);
}
