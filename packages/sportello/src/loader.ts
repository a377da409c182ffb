/** Tag to a function that imports the module defining it. */
export type ElementModules = Readonly<Record<string, () => Promise<unknown>>>;

/**
 * Defines each element of `modules` the first time one appears under `root`: in the page as
 * parsed, added to it later, or inside an open shadow root of an element found there (looked into
 * once the element is defined, when its shadow root is attached). Sportello's own elements are not
 * looked into: their define modules define what they render. Stops watching once every tag is
 * loading. Two loaders on one page are harmless: a tag already defined is not loaded again, and
 * core's define() ignores a second registration of one.
 */
export function defineOnSight(modules: ElementModules, root: Document | ShadowRoot = document): void {
  const waiting = new Set(Object.keys(modules).filter((tag) => !customElements.get(tag)));
  if (!waiting.size) return;
  const selector = [...waiting].join(',');
  const watched = new WeakSet<Node>();
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) search(node);
    }
  });

  function load(tag: string): void {
    if (!waiting.delete(tag)) return;
    if (!waiting.size) observer.disconnect();
    if (customElements.get(tag)) return;
    modules[tag]!().catch((error: unknown) => console.error(`Sportello could not load <${tag}>:`, error));
  }

  /** Loads the tags in `scope`, then looks for shadow roots in it: tags first, as they are what shows. */
  function search(scope: Element | Document | ShadowRoot): void {
    if (scope instanceof Element && waiting.has(scope.localName)) load(scope.localName);
    for (const element of scope.querySelectorAll(selector)) load(element.localName);
    if (!waiting.size) return;
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node instanceof Element) lookInto(node);
    }
  }

  function lookInto(element: Element): void {
    const name = element.localName;
    if (name.startsWith('sportello-')) return;
    const shadow = element.shadowRoot;
    if (shadow) watch(shadow);
    // An element not defined yet has no shadow root yet: its constructor attaches it.
    else if (name.includes('-') && !customElements.get(name)) {
      customElements.whenDefined(name).then(() => {
        if (waiting.size && element.shadowRoot) lookInto(element);
      });
    }
  }

  function watch(scope: Document | ShadowRoot): void {
    if (watched.has(scope)) return;
    watched.add(scope);
    observer.observe(scope, { childList: true, subtree: true });
    search(scope);
  }

  watch(root);
}
