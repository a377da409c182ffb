// What the kiosk says, recorded instead of spoken: for tests (headless Chromium has no voices).
// The browser's speechSynthesis is wrapped, so the kiosk's own speak() runs as it does in use.
// Used by tests only; nothing in the app imports it.

export interface SpokenWords {
  text: string;
  /** The utterance's language, as BCP 47 (`it-IT`, `en-GB`). */
  lang: string;
}

export interface RecordedSpeech {
  /** Everything said since recording began, in order. */
  readonly said: SpokenWords[];
  /** The texts said, joined: for `include` checks. */
  text(): string;
  clear(): void;
  restore(): void;
}

export function recordSpeech(): RecordedSpeech {
  const synthesis = speechSynthesis;
  const speak = synthesis.speak;
  const said: SpokenWords[] = [];
  synthesis.speak = (utterance: SpeechSynthesisUtterance) => {
    said.push({ text: utterance.text, lang: utterance.lang });
  };
  return {
    said,
    text: () => said.map((words) => words.text).join(' | '),
    clear: () => void said.splice(0),
    restore: () => {
      synthesis.speak = speak;
    },
  };
}
