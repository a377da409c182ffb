import { VERSION } from './version.js';

/** A custom element class that says which Sportello version defined it. */
export interface VersionedElement extends CustomElementConstructor {
  readonly version?: string;
}

// Shared through globalThis, not module state: two copies of the bundle on one page have two module
// instances but must warn only once between them.
const WARNED = Symbol.for('sportello.define.versionWarned');
type WarnedGlobal = typeof globalThis & { [WARNED]?: boolean };

/**
 * Registers `tag` unless it is already registered, so that two copies of Sportello on one page (a
 * CMS plug-in and a page template, say) never throw. When the copy already registered is of
 * another version, warns once per page: the elements keep working with the first copy's code.
 */
export function define(tag: string, element: VersionedElement): void {
  const registry = globalThis.customElements;
  if (!registry) return; // Node or another DOM-less runtime importing a define module.
  const existing = registry.get(tag) as VersionedElement | undefined;
  if (!existing) {
    registry.define(tag, element);
    return;
  }
  if (existing === element) return;
  const existingVersion = existing.version ?? 'unknown';
  const loadedVersion = element.version ?? VERSION;
  const global = globalThis as WarnedGlobal;
  if (existingVersion !== loadedVersion && !global[WARNED]) {
    global[WARNED] = true;
    console.warn(
      `Sportello ${loadedVersion} was loaded on a page that already has Sportello ${existingVersion}; ` +
        `<${tag}> and the other elements keep version ${existingVersion}. Load one copy only.`,
    );
  }
}
