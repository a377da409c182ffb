import { gatewayOf, SANDBOX_GATEWAY } from '../gateway.js';
import { languageOf } from '../i18n/localize-controller.js';
import { createApiClient, type ApiClient, type ApiClientOptions, type GatewayClock } from './client.js';

/** What the sandbox offers core: a fetch that answers the contract without a network. */
export interface SandboxTransport {
  fetch: typeof fetch;
  /** Signs a demo citizen in and returns their bearer token. */
  signIn(fiscalCode: string): string;
}

// Kept on globalThis so that every copy of Sportello on a page shares one sandbox (one town).
const LOADER = Symbol.for('sportello.sandbox.loader');
const INSTANCE = Symbol.for('sportello.sandbox.instance');
type SandboxGlobal = typeof globalThis & {
  [LOADER]?: () => Promise<SandboxTransport>;
  [INSTANCE]?: Promise<SandboxTransport>;
};

// One per gateway (the sandbox is one too): what an element's client learns of its clock, the
// clients made later, for any element going to that gateway, know.
const gatewayClocks = new Map<string, GatewayClock>();

/**
 * Tells core how to load the sandbox when an element asks for `gateway="sandbox"`. The sandbox
 * package registers itself (`@sportello/sandbox/register`); the CDN bundle does so lazily, so
 * pages that never use it never download it.
 */
export function registerSandbox(loader: () => Promise<SandboxTransport>): void {
  (globalThis as SandboxGlobal)[LOADER] ??= loader;
}

/**
 * Forgets the page's sandbox, so the next call starts a fresh town: for the kiosk at the end of a
 * citizen's session (nothing practised is left for the next person) and for tests.
 */
export function resetSandbox(): void {
  (globalThis as SandboxGlobal)[INSTANCE] = undefined;
  gatewayClocks.delete(SANDBOX_GATEWAY);
}

function sandbox(): Promise<SandboxTransport> {
  const global = globalThis as SandboxGlobal;
  const loader = global[LOADER];
  if (!loader) {
    return Promise.reject(
      new Error(
        'gateway="sandbox" needs the sandbox: load the CDN bundle or import @sportello/sandbox/register',
      ),
    );
  }
  // A failed download (offline, say) is not kept: the next call tries again.
  global[INSTANCE] ??= loader().catch((error: unknown) => {
    global[INSTANCE] = undefined;
    throw error;
  });
  return global[INSTANCE];
}

function sandboxFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return sandbox().then((instance) => instance.fetch(input, init));
}

/**
 * Signs one of the demo citizens in to the page's sandbox and returns the token to give the
 * widgets (tutorial practice "as Mario Rossi", demos, tests).
 */
export async function signInToSandbox(fiscalCode: string): Promise<string> {
  return (await sandbox()).signIn(fiscalCode);
}

/**
 * The API client for an element: it talks to the gateway the page chose for it (see `gatewayOf`),
 * or to the sandbox, in the element's language.
 */
export function apiClientFor(
  element: Element,
  options: Omit<ApiClientOptions, 'baseUrl' | 'fetch' | 'language' | 'gatewayClock'> = {},
): ApiClient {
  const gateway = gatewayOf(element);
  const language = () => languageOf(element);
  let gatewayClock = gatewayClocks.get(gateway);
  if (!gatewayClock) gatewayClocks.set(gateway, (gatewayClock = { offset: 0 }));
  return gateway === SANDBOX_GATEWAY
    ? createApiClient({ ...options, baseUrl: '', fetch: sandboxFetch, language, gatewayClock })
    : createApiClient({ ...options, baseUrl: gateway, language, gatewayClock });
}

/**
 * A URL for a document the API serves (a receipt PDF) that a link can point at: the gateway's own
 * address, or, for the sandbox, the document fetched into the page as an object URL. Hand it to
 * `releaseDocumentUrl` when the link goes: an object URL keeps the document in memory until then.
 */
export async function documentUrlFor(element: Element, path: string): Promise<string> {
  const gateway = gatewayOf(element);
  if (gateway !== SANDBOX_GATEWAY) return `${gateway}${path}`;
  const response = await sandboxFetch(path);
  return URL.createObjectURL(await response.blob());
}

/** Lets go of a URL from `documentUrlFor` (a gateway address needs nothing). */
export function releaseDocumentUrl(url: string): void {
  if (url.startsWith('blob:')) URL.revokeObjectURL(url);
}
