// Voice guidance: while it is on, the kiosk reads out what a screen reader would, without one being
// attached (EN 301 549 5.1.2.2, 5.1.3.1): the step shown, the control that takes the focus and each
// announcement the elements make. The elements say their steps and problems through their live
// regions, which nothing outside a screen reader can hear inside shadow roots: they offer the same
// words to the page as `sportello-announcement`, which this listens to.
import { now, translate, type Language } from '@sportello/core';
import { kioskMessages, type KioskMessageKey } from '../messages.js';
import { speak } from './speech.js';

export interface ReadAloudOptions {
  /** The language on screen now. */
  language(): Language;
  /** Whether voice guidance is on now. */
  enabled(): boolean;
}

/**
 * A focused control said right after words that already name it (a step's announcement, then its
 * heading taking the focus) is not said again: within this many milliseconds.
 */
const REPEAT_WINDOW_MS = 1500;

const TEXT_INPUTS = new Set(['text', 'email', 'tel', 'search', 'url', 'number', 'password', '']);

/** What the focused element is, as a screen reader names it: its name, its role and its state. */
export function spokenControl(element: Element, language: Language): string {
  const t = (key: KioskMessageKey) => translate(kioskMessages, language, key);
  const name = accessibleName(element);
  const role = element.getAttribute('role') ?? implicitRole(element);
  const parts = [name];
  if (role && ROLE_WORDS[role]) parts.push(t(ROLE_WORDS[role]));
  const pressed = element.getAttribute('aria-pressed');
  if (pressed === 'true') parts.push(t('role.pressed'));
  else if (pressed === 'false') parts.push(t('role.notPressed'));
  if ((element as HTMLInputElement).checked || element.getAttribute('aria-checked') === 'true') {
    parts.push(t('role.checked'));
  }
  return parts.filter(Boolean).join(', ');
}

const ROLE_WORDS: Record<string, KioskMessageKey> = {
  button: 'role.button',
  link: 'role.link',
  textbox: 'role.textbox',
  checkbox: 'role.checkbox',
  radio: 'role.radio',
};

function implicitRole(element: Element): string | undefined {
  const tag = element.localName;
  if (tag === 'button') return 'button';
  if (tag === 'a' && element.hasAttribute('href')) return 'link';
  if (tag === 'textarea') return 'textbox';
  if (tag === 'input') {
    const type = (element as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') return type;
    if (type === 'submit' || type === 'button') return 'button';
    if (TEXT_INPUTS.has(type)) return 'textbox';
  }
  return undefined;
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The element's name, roughly as browsers compute it: aria-label, aria-labelledby (in its own root),
 * its labels, its text, its title or placeholder. Never the value typed in a field: at a public
 * kiosk, a fiscal code read out through the loudspeaker is heard by the queue behind.
 */
function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return clean(label);
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = element.getRootNode() as Document | ShadowRoot;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => clean(root.getElementById(id)?.textContent))
      .join(' ');
    if (text.trim()) return clean(text);
  }
  const labels = (element as HTMLInputElement).labels;
  if (labels?.length) return clean([...labels].map((l) => l.textContent).join(' '));
  const isField = element.localName === 'input' || element.localName === 'textarea';
  const text = isField ? '' : clean(element.textContent);
  return text || clean(element.getAttribute('title')) || clean(element.getAttribute('placeholder'));
}

/**
 * Listens under `root` (the shell, whose elements' events bubble and cross their shadow roots)
 * while voice guidance is on.
 */
export class ReadAloud {
  private lastSaid = { text: '', at: -Infinity };

  constructor(
    private readonly root: HTMLElement,
    private readonly options: ReadAloudOptions,
  ) {}

  connect(): void {
    this.root.addEventListener('sportello-announcement', this.onAnnouncement);
    this.root.addEventListener('focusin', this.onFocus);
  }

  disconnect(): void {
    this.root.removeEventListener('sportello-announcement', this.onAnnouncement);
    this.root.removeEventListener('focusin', this.onFocus);
  }

  /** Says `text` if voice guidance is on; `interrupt` for what replaces what was being said. */
  say(text: string, { interrupt = false } = {}): void {
    if (!this.options.enabled()) return;
    this.lastSaid = { text: text.toLowerCase(), at: now() };
    speak(text, this.options.language(), { interrupt });
  }

  private readonly onAnnouncement = (event: Event) => {
    const text = (event as CustomEvent<{ text: string }>).detail.text;
    // A new step focuses its heading, then announces it with more words ("Step 2 of 6: ..."): the
    // announcement takes the heading's place instead of following it.
    const recent = now() - this.lastSaid.at < REPEAT_WINDOW_MS;
    this.say(text, { interrupt: recent && text.toLowerCase().includes(this.lastSaid.text) });
  };

  private readonly onFocus = (event: FocusEvent) => {
    // The innermost focused element, inside the shadow roots the event crossed.
    const target = event.composedPath()[0];
    if (!(target instanceof Element)) return;
    const text = spokenControl(target, this.options.language());
    if (!text) return;
    const justSaid =
      now() - this.lastSaid.at < REPEAT_WINDOW_MS && this.lastSaid.text.includes(text.toLowerCase());
    if (!justSaid) this.say(text, { interrupt: true });
  };
}
