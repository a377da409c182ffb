/**
 * The value of the first of `names` found on the element or its nearest ancestor that has one,
 * crossing shadow roots (an element inside another Sportello element inherits from the page
 * around the outer one). Undefined when no ancestor has any.
 */
export function closestAttribute(element: Element, names: readonly string[]): string | undefined {
  let node: Element | null = element;
  while (node) {
    for (const name of names) {
      const value = node.getAttribute(name);
      if (value) return value;
    }
    node =
      node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host as Element | undefined) ?? null;
  }
  return undefined;
}
