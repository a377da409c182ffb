import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { selfAndAncestors } from '../context-attribute.js';
import {
  LOCALES,
  loadTranslation,
  primarySubtag,
  toLanguage,
  translate,
  type Catalogue,
  type Language,
  type Messages,
  type ParamsOf,
} from './catalogue.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The `lang` Sportello itself gave an element (see markLanguage), which is not the page's word on
 * its language: reading the page's language skips it.
 */
const markedLanguage = new WeakMap<Element, string>();

/** The nearest `lang` the page's author wrote, from the element up (crossing shadow roots). */
function declaredLanguage(element: Element): string | undefined {
  for (const node of selfAndAncestors(element)) {
    const value = node.getAttribute('lang');
    if (value && markedLanguage.get(node) !== value) return value;
  }
  return undefined;
}

/**
 * A language an element keeps while the page's stays what it was (see keepLanguage): the page's
 * language then, and the language kept.
 */
const keptLanguage = new WeakMap<Element, { pageLanguage: string | undefined; language: Language }>();

/**
 * The element speaks `language` although the page says another, until the page's language changes:
 * a citizen who paid in English comes back from pagoPA checkout to a page that opened in Italian,
 * and reads the receipt in English. Elements inside it speak it too. A page that then switches
 * language (the citizen chose another) is followed again.
 */
export function keepLanguage(element: Element, language: Language): void {
  keptLanguage.set(element, { pageLanguage: declaredLanguage(element), language });
}

/**
 * The nearest `lang` from the element up (crossing shadow roots, up to `<html>`); Italian if none.
 * A language kept by the element or one around it (see keepLanguage) comes first.
 */
export function languageOf(element: Element): Language {
  for (const node of selfAndAncestors(element)) {
    const kept = keptLanguage.get(node);
    if (!kept) continue;
    if (declaredLanguage(node) === kept.pageLanguage) return kept.language;
    keptLanguage.delete(node); // the page changed its language since: it is followed again
  }
  return toLanguage(declaredLanguage(element));
}

/**
 * Says which language an element's words are in when the page around it says another, or nothing:
 * on a page in German (South Tyrol) the widgets speak Italian, and a screen reader must read them
 * as Italian (WCAG 3.1.2). Puts `lang` on the element then, and takes it away once the page is in
 * that language again. A `lang` the page's author put on the element is never changed.
 */
export function markLanguage(element: Element, language: Language): void {
  const own = element.getAttribute('lang');
  const ours = own !== null && markedLanguage.get(element) === own;
  if (own !== null && !ours) return;
  // The language its words are read in without a mark: the nearest `lang` around it, Sportello's
  // own included (the calendar inside a marked booking widget needs none of its own).
  const [, ...ancestors] = selfAndAncestors(element);
  const around = ancestors.map((node) => node.getAttribute('lang')).find(Boolean);
  if (primarySubtag(around) === language) {
    if (ours) element.removeAttribute('lang');
  } else if (own !== language) {
    markedLanguage.set(element, language);
    element.setAttribute('lang', language);
  }
}

// One observer for the whole page instead of one per element: a `lang` change anywhere in the
// document tells every connected Sportello element, which re-reads its own language. A document-wide
// observer does not see into shadow roots, so the shadow roots an element sits in (an integrator's
// app built of web components) are observed too, for as long as an element in them listens.
const listeners = new Set<{ call: () => void }>();
const observedRoots = new Map<Node, number>();
let observer: MutationObserver | undefined;

const tellListeners = () => {
  for (const listener of listeners) listener.call();
};

/** Where a `lang` that `element` reads can change: each shadow root it is inside, and the document. */
function rootsAround(element: Element): Node[] {
  const roots: Node[] = [];
  let root = element.getRootNode();
  while (root instanceof ShadowRoot) {
    roots.push(root);
    root = root.host.getRootNode();
  }
  return [...roots, document.documentElement];
}

function observe(root: Node): void {
  observer!.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Calls `listener` whenever a `lang` attribute changes anywhere `element` can take its language
 * from: the page, and the shadow roots it is inside. Returns the function that stops it (once, however
 * often it is called). For elements without Lit (the calendar); Lit elements use LocalizeController.
 * Call it while `element` is connected.
 */
export function onLanguageChange(element: Element, listener: () => void): () => void {
  const subscription = { call: listener };
  listeners.add(subscription);
  observer ??= new MutationObserver(tellListeners);
  const roots = rootsAround(element);
  for (const root of roots) {
    const count = observedRoots.get(root) ?? 0;
    if (count === 0) observe(root);
    observedRoots.set(root, count + 1);
  }
  return () => {
    if (!listeners.delete(subscription)) return;
    let unobserved = false;
    for (const root of roots) {
      const count = observedRoots.get(root)! - 1;
      if (count > 0) observedRoots.set(root, count);
      else {
        observedRoots.delete(root);
        unobserved = true;
      }
    }
    if (!unobserved) return;
    // An observer cannot stop observing one node: it stops and starts again on the roots left.
    // Stopping drops the changes not yet told (a `lang` set in the same task as this element left
    // the page): they are told now.
    const untold = observer!.takeRecords().length > 0;
    observer!.disconnect();
    for (const root of observedRoots.keys()) observe(root);
    if (untold) queueMicrotask(tellListeners);
  };
}

/** The translations each element waits for before it renders (see translationsArriving). */
const awaitedTranslations = new WeakMap<Element, Set<Promise<void>>>();

/**
 * Settles once every translation `element`'s LocalizeControllers are loading has arrived, or gives
 * undefined when none is loading. SportelloElement waits for it before each update, so an element
 * on an English page never shows its Italian words first.
 */
export function translationsArriving(element: Element): Promise<void> | undefined {
  const loading = awaitedTranslations.get(element);
  return loading?.size ? Promise.all(loading).then(() => undefined) : undefined;
}

/**
 * Gives an element its language and messages, following the element's own or the page's `lang`
 * and re-rendering it when that changes at run time.
 */
export class LocalizeController<Source extends Messages> implements ReactiveController {
  language: Language = 'it';

  /**
   * `markHost: false` for an element that shows its author's words (a slotted caption, a label
   * attribute): a `lang` on the host would mark them too, so the element marks its own words instead.
   */
  constructor(
    private readonly host: Host,
    private readonly catalogue: Catalogue<Source>,
    private readonly options: { markHost?: boolean } = {},
  ) {
    host.addController(this);
  }

  /** The BCP 47 locale for Intl formatting in the current language. */
  get locale(): string {
    return LOCALES[this.language];
  }

  private stopWatching?: () => void;

  hostConnected(): void {
    this.stopWatching = onLanguageChange(this.host, () => this.refresh());
    this.language = languageOf(this.host);
    this.loadLanguage();
    if (this.options.markHost !== false) markLanguage(this.host, this.language);
  }

  /** Has the host wait, before it next renders, for the current language's messages if they are not here. */
  private loadLanguage(): void {
    const loading = loadTranslation(this.catalogue, this.language);
    if (!loading) return;
    const awaited = awaitedTranslations.get(this.host) ?? new Set();
    awaitedTranslations.set(this.host, awaited);
    awaited.add(loading);
    void loading.then(() => awaited.delete(loading));
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Re-reads the language and re-renders the host if it changed. */
  refresh(): void {
    const language = languageOf(this.host);
    if (this.options.markHost !== false) markLanguage(this.host, language);
    if (language !== this.language) {
      this.language = language;
      this.loadLanguage();
      this.host.requestUpdate();
    }
  }

  t<Key extends keyof Source & string>(key: Key, params?: ParamsOf<Source[Key]>): string {
    return translate(this.catalogue, this.language, key, params);
  }
}
