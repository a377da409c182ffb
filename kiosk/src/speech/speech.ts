// The kiosk's voice: the browser's own speech synthesis, so that a citizen who cannot see the screen
// hears it without attaching any assistive technology (EN 301 549 5.1.2.2), in the language on
// screen (5.1.3.14). Everything the kiosk says goes through `speak`, one place to observe in tests
// (headless Chromium has no voices, but takes the utterances) and to change the voice.
//
// Chromium speaks only after the page has had a user gesture, unless it is started with
// `--autoplay-policy=no-user-gesture-required` (as a kiosk should be): the attract screen's spoken
// hint, which comes before any touch, needs that flag.
import { LOCALES, type Language } from '@sportello/core';

export interface SpeakOptions {
  /** Stop what is being said first: the citizen moved on, and the old words no longer matter. */
  interrupt?: boolean;
}

/** Says `text` in `language`; queued after what is being said, unless `interrupt`. */
export function speak(text: string, language: Language, { interrupt = false }: SpeakOptions = {}): void {
  const synthesis = globalThis.speechSynthesis;
  const words = text.replace(/\s+/g, ' ').trim();
  if (!synthesis || !words) return;
  if (interrupt) synthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(words);
  utterance.lang = LOCALES[language];
  // The first voice of the language, when the system has one: otherwise the default voice reads it
  // with the language's rules, which is still better than an Italian voice reading English.
  const voice = synthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(language));
  if (voice) utterance.voice = voice;
  synthesis.speak(utterance);
}

/** Stops at once whatever is being said or waiting to be (voice guidance off, session over). */
export function stopSpeaking(): void {
  globalThis.speechSynthesis?.cancel();
}
