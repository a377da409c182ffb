/** The element and its ancestors, crossing shadow roots (an element inside another Sportello
 * element belongs to the page around the outer one). */
export function* selfAndAncestors(element: Element): Generator<Element> {
  let node: Element | null = element;
  while (node) {
    yield node;
    node =
      node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host as Element | undefined) ?? null;
  }
}

/**
 * The non-empty value of the first of `names` found on the element or its nearest ancestor that
 * has one. Undefined when none has any.
 */
export function closestAttribute(element: Element, names: readonly string[]): string | undefined {
  for (const node of selfAndAncestors(element)) {
    for (const name of names) {
      const value = node.getAttribute(name);
      if (value) return value;
    }
  }
  return undefined;
}

/** Whether the element or an ancestor carries the (boolean) attribute `name`. */
export function hasContextAttribute(element: Element, name: string): boolean {
  for (const node of selfAndAncestors(element)) if (node.hasAttribute(name)) return true;
  return false;
}
