/**
 * Typed message catalogues. Italian is the source language; every other language must have every
 * key (the type of `defineCatalogue` says so at compile time, `catalogueProblems` at run time).
 *
 * Italian ships with the code that speaks it: it is what most pages show, and the word every key
 * falls back to. Another language is given inline (small catalogues, and the calendar, which has no
 * Lit update to wait with) or as a function that imports it, so that a page in Italian never
 * downloads the English words of its widgets: an element's LocalizeController loads the language the
 * element speaks before the element renders (see SportelloElement.scheduleUpdate).
 */
export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const SOURCE_LANGUAGE: Language = 'it';

/** BCP 47 locale used with Intl for each language (English as used in Europe: day before month). */
export const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

export type MessageParams = Record<string, string | number>;
/** A message is text with `{name}` placeholders, or a function where grammar needs one (plurals). */
export type Message = string | ((params: never) => string);
export type Messages = Record<string, Message>;

/** The shape another language must have: the same keys, strings for strings, the same functions. */
export type Translation<Source extends Messages> = {
  [Key in keyof Source]: Source[Key] extends string ? string : Source[Key];
};

/** Imports a language's messages, shipped in a module of their own (`messages.en.ts`). */
export type LoadTranslation<Source extends Messages> = () => Promise<Translation<Source>>;

export interface Catalogue<Source extends Messages = Messages> {
  it: Source;
  en: Translation<Source> | LoadTranslation<Source>;
}

export function defineCatalogue<Source extends Messages>(catalogue: Catalogue<Source>): Catalogue<Source> {
  return catalogue;
}

/** Parameters a message takes: those of its function, or named placeholders for text. */
export type ParamsOf<M> = M extends (params: infer P) => string ? P : MessageParams;

/** The languages of each catalogue given as loaders: their messages once here, or their loading. */
const translations = new WeakMap<Catalogue, Map<Language, Messages | Promise<void>>>();

/** The messages of `language` in `catalogue`, or undefined while they have not been loaded. */
function messagesIn(catalogue: Catalogue, language: Language): Messages | undefined {
  const messages = catalogue[language] as Messages | LoadTranslation<Messages>;
  if (typeof messages !== 'function') return messages;
  const loaded = translations.get(catalogue)?.get(language);
  return loaded instanceof Promise ? undefined : loaded;
}

/**
 * Loads the messages of `language` in `catalogue` if they are not there yet, and says when they are
 * (undefined when they already are). A language that fails to load (the network is gone) is told
 * in the console and left to Italian until a later call tries again: a widget in Italian beats none.
 */
export function loadTranslation(catalogue: Catalogue, language: Language): Promise<void> | undefined {
  if (messagesIn(catalogue, language)) return undefined;
  const languages = translations.get(catalogue) ?? new Map<Language, Messages | Promise<void>>();
  translations.set(catalogue, languages);
  const arriving = languages.get(language);
  if (arriving instanceof Promise) return arriving;
  const loading = (catalogue[language] as LoadTranslation<Messages>)().then(
    (messages) => {
      languages.set(language, messages);
    },
    (error: unknown) => {
      languages.delete(language);
      console.error(`Sportello could not load its messages in "${language}":`, error);
    },
  );
  languages.set(language, loading);
  return loading;
}

export function translate<Source extends Messages, Key extends keyof Source & string>(
  catalogue: Catalogue<Source>,
  language: Language,
  key: Key,
  params?: ParamsOf<Source[Key]>,
): string {
  const message = messagesIn(catalogue as Catalogue, language)?.[key] ?? catalogue.it[key];
  if (typeof message === 'function') return (message as (p: unknown) => string)(params ?? {});
  if (typeof message !== 'string') return key;
  if (!params) return message;
  const values = params as MessageParams;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The language part of a BCP 47 tag, lower-cased: `de` for `de-AT`. */
export const primarySubtag = (tag: string | null | undefined): string =>
  (tag ?? '').trim().toLowerCase().split(/[-_]/)[0]!;

/** Maps any language tag (`en-GB`, `IT`, `de`) to a supported language; Italian when unsupported. */
export function toLanguage(tag: string | null | undefined): Language {
  const primary = primarySubtag(tag);
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : SOURCE_LANGUAGE;
}

function placeholders(message: Message | undefined): string {
  return typeof message === 'string'
    ? [...message.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',')
    : 'fn';
}

/**
 * Lists what is wrong with a catalogue: keys missing or extra in a language, placeholders that differ
 * from the source, empty messages. Each package's tests assert this is empty.
 */
export async function catalogueProblems(catalogue: Catalogue): Promise<string[]> {
  const problems: string[] = [];
  const sourceKeys = Object.keys(catalogue.it);
  for (const language of LANGUAGES) {
    await loadTranslation(catalogue, language);
    const messages = messagesIn(catalogue, language) ?? {};
    for (const key of sourceKeys) {
      const message = messages[key];
      if (message === undefined) problems.push(`${language}: missing "${key}"`);
      else if (message === '') problems.push(`${language}: empty "${key}"`);
      else if (placeholders(message) !== placeholders(catalogue.it[key])) {
        problems.push(`${language}: placeholders of "${key}" differ from Italian`);
      }
    }
    for (const key of Object.keys(messages)) {
      if (!(key in catalogue.it)) problems.push(`${language}: "${key}" is not in the Italian source`);
    }
  }
  return problems;
}
