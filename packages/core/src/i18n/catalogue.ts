/**
 * Typed message catalogues. Italian is the source language; every other language must have every
 * key (the type of `defineCatalogue` says so at compile time, `catalogueProblems` at run time).
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

export interface Catalogue<Source extends Messages = Messages> {
  it: Source;
  en: Translation<Source>;
}

export function defineCatalogue<Source extends Messages>(catalogue: Catalogue<Source>): Catalogue<Source> {
  return catalogue;
}

/** Parameters a message takes: those of its function, or named placeholders for text. */
export type ParamsOf<M> = M extends (params: infer P) => string ? P : MessageParams;

export function translate<Source extends Messages, Key extends keyof Source & string>(
  catalogue: Catalogue<Source>,
  language: Language,
  key: Key,
  params?: ParamsOf<Source[Key]>,
): string {
  const message = (catalogue[language] as Messages)[key] ?? catalogue.it[key];
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
export function catalogueProblems(catalogue: Catalogue): string[] {
  const problems: string[] = [];
  const sourceKeys = Object.keys(catalogue.it);
  for (const language of LANGUAGES) {
    const messages = catalogue[language] as Messages;
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
