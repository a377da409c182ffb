/**
 * Tells where the focus goes in a document, shadow roots included: `onFocus` gets the element that
 * really has it (the `<input>` inside an element's shadow root, not the element), or null when the
 * focus left every element.
 *
 * The document alone is not enough: when the focus moves between two controls of one shadow root
 * (the notice code to the creditor code), the event's target and related target are the same host
 * once retargeted, and the browser does not dispatch it to the document at all. So every shadow
 * root the focus has been seen in is listened to as well, from the first time; each event is told
 * once however many of those roots it crosses.
 */
export class FocusWatch {
  private listening?: AbortController;
  /** Roots listened to, weakly: a shadow root that leaves the page is not kept alive by this. */
  private roots = new WeakSet<Node>();
  private lastEvent?: Event;

  constructor(private readonly onFocus: (focused: Element | null) => void) {}

  /** Starts listening to `doc` and, as the focus enters them, its shadow roots. */
  start(doc: Document): void {
    this.stop();
    this.listening = new AbortController();
    this.roots = new WeakSet();
    this.listen(doc);
  }

  /** Stops listening everywhere. */
  stop(): void {
    this.listening?.abort();
    this.listening = undefined;
  }

  private listen(root: Document | ShadowRoot): void {
    if (this.roots.has(root) || !this.listening) return;
    this.roots.add(root);
    const { signal } = this.listening;
    root.addEventListener('focusin', (event) => this.focusIn(event), { signal });
    root.addEventListener('focusout', (event) => this.focusOut(event as FocusEvent), { signal });
  }

  private firstSight(event: Event): boolean {
    if (event === this.lastEvent) return false;
    this.lastEvent = event;
    return true;
  }

  private focusIn(event: Event): void {
    if (!this.firstSight(event)) return;
    const path = event.composedPath();
    for (const node of path) if (node instanceof ShadowRoot) this.listen(node);
    this.onFocus(path[0] instanceof Element ? path[0] : null);
  }

  private focusOut(event: FocusEvent): void {
    if (!this.firstSight(event)) return;
    // Focus moving to another element is told by its focusin, which follows at once.
    if (event.relatedTarget === null) this.onFocus(null);
  }
}
