import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { closestAttribute } from '../context-attribute.js';
import {
  LOCALES,
  toLanguage,
  translate,
  type Catalogue,
  type Language,
  type Messages,
  type ParamsOf,
} from './catalogue.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The nearest `lang` from the element up (crossing shadow roots, up to `<html>`); Italian if none. */
export function languageOf(element: Element): Language {
  return toLanguage(closestAttribute(element, ['lang']));
}

// One observer for the whole page instead of one per element: a `lang` change anywhere in the
// document tells every connected Sportello element, which re-reads its own language.
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener` whenever a `lang` attribute changes anywhere in the page; returns the function
 * that stops it. For elements without Lit (the calendar); Lit elements use LocalizeController.
 */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  observer ??= new MutationObserver(() => {
    for (const call of listeners) call();
  });
  if (listeners.size === 1) {
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) observer?.disconnect();
  };
}

/**
 * Gives an element its language and messages, following the element's own or the page's `lang`
 * and re-rendering it when that changes at run time.
 */
export class LocalizeController<Source extends Messages> implements ReactiveController {
  language: Language = 'it';

  constructor(
    private readonly host: Host,
    private readonly catalogue: Catalogue<Source>,
  ) {
    host.addController(this);
  }

  /** The BCP 47 locale for Intl formatting in the current language. */
  get locale(): string {
    return LOCALES[this.language];
  }

  private stopWatching?: () => void;

  hostConnected(): void {
    this.stopWatching = onLanguageChange(() => this.refresh());
    this.language = languageOf(this.host);
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Re-reads the language and re-renders the host if it changed. */
  refresh(): void {
    const language = languageOf(this.host);
    if (language !== this.language) {
      this.language = language;
      this.host.requestUpdate();
    }
  }

  t<Key extends keyof Source & string>(key: Key, params?: ParamsOf<Source[Key]>): string {
    return translate(this.catalogue, this.language, key, params);
  }
}
