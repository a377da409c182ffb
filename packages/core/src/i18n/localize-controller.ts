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
// document re-renders every connected Sportello element whose language it changes.
const hosts = new Set<LocalizeController<Messages>>();
let observer: MutationObserver | undefined;

function observeLanguageChanges(): void {
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const controller of hosts) controller.refresh();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
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

  hostConnected(): void {
    hosts.add(this as unknown as LocalizeController<Messages>);
    observeLanguageChanges();
    this.language = languageOf(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this as unknown as LocalizeController<Messages>);
    if (hosts.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
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
