import type { Language } from '../i18n/catalogue.js';

/**
 * Words of a table row in every language, side by side. The certificate tables carry their words
 * inline rather than in a catalogue: the gateway lists them in both languages (`listCertificateKinds`)
 * and a row must not gain a kind or an exemption without its words. The type asks for every language.
 */
export type LocalText = Readonly<Record<Language, string>>;

/** The words of `text` in `language`. */
export function inLanguage(text: LocalText, language: Language): string {
  return text[language];
}
