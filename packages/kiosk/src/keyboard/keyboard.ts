import {
  LocalizeController,
  SportelloElement,
  baseStyles,
  emit,
  type KeyboardChangeDetail,
} from '@sportello/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FocusWatch } from './focus-watch.js';
import { keyboardStyles } from './keyboard.styles.js';
import {
  isTextField,
  layoutFor,
  rowsOf,
  type CommandKey,
  type Key,
  type LayoutName,
  type TextField,
} from './layouts.js';
import { keyboardMessages } from './messages.js';
import { revealAbove } from './reveal.js';
import { deleteBackward, insertText, pressEnter } from './typing.js';

/** The custom property on the document's root element that says how tall the open keyboard is. */
export const KEYBOARD_HEIGHT_PROPERTY = '--sportello-keyboard-height';

/** The element with the focus, looked for inside shadow roots. */
function focusedElement(doc: Document): Element | null {
  let element = doc.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** Symbols beside the words of some keys, as on a physical keyboard (hidden from screen readers). */
const ICONS: Partial<Record<CommandKey, string>> = { backspace: '⌫', shift: '⇧', enter: '↵' };

/** A key press keeps the focus (and the caret) in the field: the key does not take it. */
const keepFocus = (event: Event) => event.preventDefault();

/**
 * The kiosk's on-screen keyboard. Put it once in the page, at the end of `<body>`: it opens by
 * itself when a text field gets the focus, in the page or inside any Sportello element, and closes
 * when the focus leaves. Keys are at least 60 CSS pixels wide and high, larger with the kiosk's text
 * size, in the kiosk's theme and in the page's language.
 *
 * - **Which fields**: `<textarea>` and text-like `<input>`s (`text`, `email`, `tel`, `search`,
 *   `number`, `url`, `password`, or no `type`), not checkboxes, radios, buttons or selects. It
 *   listens to `focusin` and `focusout` on its document and on each shadow root the focus has been
 *   in: the document alone does not hear the focus move between two fields of one element.
 * - **Layouts**: digits for `inputmode` `numeric`, `decimal` or `tel` and for `type` `number` or
 *   `tel` (notice and creditor codes, dates, amounts, phones); `@`, `.it` and `.com` for `type` or
 *   `inputmode` `email`; Italian letters for the rest, in the order of the Italian keyboard, with
 *   à è é ì ò ù, a row of digits (fiscal codes mix both) and a shift key that stays on until pressed
 *   again. A key switches between digits and letters.
 * - **The system's own keyboard stays hidden** (the kiosk profile flag): while the keyboard serves
 *   a field, the field has `inputmode="none"`; its own `inputmode` comes back when the focus leaves
 *   it. The elements need no flag of their own: Lit rewrites an attribute only when its value
 *   changes, and when an element does give the field another `inputmode`, the keyboard takes it
 *   as the field's own and sets `none` again.
 * - **Typing** goes to the caret through `setRangeText` (appended for `email` and `number`
 *   inputs, which have no caret to read), within the field's `maxlength`, with the `beforeinput` and
 *   `input` events of typed text, so elements see it as typed. Enter sends a `keydown` and then, in a
 *   form, submits it as the browser's Enter does; in a textarea it starts a new line. Keys never take
 *   the focus from the field.
 * - **Never covers the field**: docked at the bottom of the viewport, it scrolls the nearest
 *   scrollable ancestor of the field (across shadow roots), then the window, until the field, its
 *   error and hint (what its `aria-describedby` names) and its label are above it; when the page is
 *   too short for that, it pads the bottom of the document by its height. It checks again when the
 *   field's error appears, after each key, and when its own size or the field's element's changes.
 *   It publishes its height as `--sportello-keyboard-height` on the root element while open, for
 *   a page whose own scrolling area needs the room.
 * - **Physical keyboard**: no browser API tells whether one is attached; the kiosk's settings do,
 *   and the shell sets `disabled`.
 *
 * @tagname sportello-keyboard
 * @summary The kiosk's on-screen keyboard, which never covers the field being typed in.
 *
 * @fires sportello-keyboard-change - The keyboard opened, closed or changed height: `detail` is
 * `{ open, height }`, its height in CSS pixels (0 when closed). Bubbles and is composed.
 *
 * @csspart keyboard - The keyboard's region, around the rows of keys.
 * @csspart row - A row of keys.
 * @csspart key - Every key.
 * @csspart command - A key that does something other than typing (Delete, Shift, Space, Enter...).
 * @csspart enter - The Enter key.
 *
 * @cssproperty --sportello-keyboard-key-size - The smallest side of a key, never under 60px. Default `3.5rem`.
 * @cssproperty --sportello-keyboard-z-index - The keyboard's stacking order above the page. Default `1000`.
 */
export class SportelloKeyboard extends SportelloElement {
  static override styles = [baseStyles, keyboardStyles];

  /**
   * Keeps the keyboard closed and the fields' own `inputmode`: set it when a physical keyboard is
   * attached (a kiosk setting; no browser API tells).
   */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The field the keyboard types into: the text field with the focus. */
  @state() private field?: TextField;
  /** False after the hide key, until the citizen touches the field again. */
  @state() private shown = true;
  @state() private layout: LayoutName = 'alphanumeric';
  @state() private upper = false;

  private readonly i18n = new LocalizeController(this, keyboardMessages);
  private readonly focusWatch = new FocusWatch((focused) => this.focusMoved(focused));
  /** The `inputmode` the field had before the keyboard set `none` (null: it had none). */
  private ownInputMode: string | null = null;
  private fieldChanges?: MutationObserver;
  private sizes?: ResizeObserver;
  private documentListening?: AbortController;
  /** A pointer is pressed and its click has not come yet (see sync). */
  private pressing = false;
  /** What was last said of the keyboard through the root's property and the event. */
  private published: KeyboardChangeDetail = { open: false, height: 0 };
  /** The root's own inline bottom padding, while the keyboard has added to it. */
  private paddedFrom?: { value: string; priority: string };

  /** Whether the keyboard is shown. */
  get open(): boolean {
    return this.field !== undefined && this.shown && !this.disabled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const doc = this.ownerDocument;
    this.focusWatch.start(doc);
    this.documentListening = new AbortController();
    const { signal } = this.documentListening;
    // Touching the field again brings the keyboard back after the hide key.
    doc.addEventListener('click', (event) => this.touched(event), { signal });
    doc.addEventListener('pointerdown', () => (this.pressing = true), { capture: true, signal });
    for (const type of ['click', 'pointercancel', 'contextmenu']) {
      doc.addEventListener(type, () => this.released(), { capture: true, signal });
    }
    this.sizes = new ResizeObserver(() => this.sync());
    this.sizes.observe(this);
    this.focusMoved(focusedElement(doc));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.focusWatch.stop();
    this.documentListening?.abort();
    this.leave();
    this.sizes?.disconnect();
    this.sizes = undefined;
    this.publish({ open: false, height: 0 });
    this.unpad();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('disabled')) {
      if (this.disabled) this.leave();
      else if (this.isConnected) this.focusMoved(focusedElement(this.ownerDocument));
    }
  }

  protected override updated(): void {
    this.sync();
  }

  private focusMoved(focused: Element | null): void {
    // A key that got the focus anyway (a screen reader moves it there) keeps serving the field.
    if (focused && (focused === this || this.shadowRoot?.contains(focused))) return;
    if (focused && isTextField(focused) && !this.disabled) this.serve(focused);
    else this.leave();
  }

  /** The press ended: what its closing of the keyboard changes in the page, now that its click is done. */
  private released(): void {
    if (!this.pressing) return;
    this.pressing = false;
    setTimeout(() => this.sync()); // after the click's own handlers
  }

  private touched(event: Event): void {
    const target = event.composedPath()[0];
    if (target === this.field && !this.shown) this.shown = true;
    else if (!this.field && isTextField(target) && target === focusedElement(this.ownerDocument)) {
      this.focusMoved(target);
    }
  }

  /** Starts typing into `field`: hides the system's keyboard for it, and opens. */
  private serve(field: TextField): void {
    if (field === this.field) return;
    this.leave();
    this.field = field;
    this.shown = true;
    this.takeInputMode(field.getAttribute('inputmode'));
    this.fieldChanges = new MutationObserver(() => this.fieldChanged());
    this.fieldChanges.observe(field, {
      attributes: true,
      attributeFilter: ['inputmode', 'aria-describedby'],
    });
    this.sizes?.observe(field);
    const root = field.getRootNode();
    if (root instanceof ShadowRoot) this.sizes?.observe(root.host);
  }

  /** Records `inputMode` as the field's own, picks the layout from it, and sets `none`. */
  private takeInputMode(inputMode: string | null): void {
    const field = this.field!;
    this.ownInputMode = inputMode;
    this.layout = layoutFor(field, inputMode);
    this.upper = false;
    field.setAttribute('inputmode', 'none');
  }

  private fieldChanged(): void {
    const inputMode = this.field?.getAttribute('inputmode');
    // The field's element gave it another inputmode (a re-render with a new value): its own now.
    if (inputMode !== undefined && inputMode !== 'none') this.takeInputMode(inputMode);
    this.sync();
  }

  /** Stops typing into the field: gives it back its own inputmode, and closes. */
  private leave(): void {
    const field = this.field;
    if (!field) return;
    this.fieldChanges?.disconnect();
    this.fieldChanges = undefined;
    this.sizes?.unobserve(field);
    const root = field.getRootNode();
    if (root instanceof ShadowRoot) this.sizes?.unobserve(root.host);
    if (this.ownInputMode === null) field.removeAttribute('inputmode');
    else field.setAttribute('inputmode', this.ownInputMode);
    this.field = undefined;
  }

  /**
   * Brings the page up to date with the keyboard: its height on the root and in the event, and the
   * field shown above it. A field that left the page (its element went to another step) is left.
   */
  private sync(): void {
    if (this.field && !this.field.isConnected) {
      this.leave();
      return;
    }
    const open = this.open && this.hasUpdated;
    // The focus left for a button pressed: the page gives back the room it had for the keyboard
    // once the button's click is done. Earlier, the page would move the button from under the
    // finger between press and release, and the click would be lost.
    if (!open && this.pressing) return;
    this.publish({ open, height: open ? Math.round(this.getBoundingClientRect().height) : 0 });
    if (open) this.reveal();
    else this.unpad();
  }

  private publish(detail: KeyboardChangeDetail): void {
    if (detail.open === this.published.open && detail.height === this.published.height) return;
    this.published = detail;
    const root = this.ownerDocument.documentElement;
    if (detail.open) root.style.setProperty(KEYBOARD_HEIGHT_PROPERTY, `${detail.height}px`);
    else root.style.removeProperty(KEYBOARD_HEIGHT_PROPERTY);
    emit(this, 'sportello-keyboard-change', detail);
  }

  /** Scrolls the field, its error and its label above the keyboard; pads the page when it is too short. */
  private reveal(): void {
    const field = this.field!;
    const top = () => this.getBoundingClientRect().top;
    if (revealAbove(field, top()) || this.paddedFrom) return;
    const root = this.ownerDocument.documentElement;
    const padding = getComputedStyle(root).paddingBlockEnd;
    this.paddedFrom = {
      value: root.style.getPropertyValue('padding-block-end'),
      priority: root.style.getPropertyPriority('padding-block-end'),
    };
    root.style.setProperty('padding-block-end', `calc(${padding} + var(${KEYBOARD_HEIGHT_PROPERTY}, 0px))`);
    revealAbove(field, top());
  }

  /** Takes back the padding the keyboard added to the page. */
  private unpad(): void {
    if (!this.paddedFrom) return;
    const { value, priority } = this.paddedFrom;
    const style = this.ownerDocument.documentElement.style;
    if (value) style.setProperty('padding-block-end', value, priority);
    else style.removeProperty('padding-block-end');
    this.paddedFrom = undefined;
  }

  private press(key: Key): void {
    const field = this.field;
    if (!field) return;
    if (key.kind === 'text') {
      insertText(field, this.upper ? key.text.toLocaleUpperCase('it') : key.text);
    } else {
      switch (key.command) {
        case 'backspace':
          deleteBackward(field);
          break;
        case 'space':
          insertText(field, ' ');
          break;
        case 'enter':
          pressEnter(field);
          break;
        case 'shift':
          this.upper = !this.upper;
          break;
        case 'hide':
          this.shown = false;
          break;
        case 'numbers':
          this.layout = 'numeric';
          break;
        case 'letters': {
          const own = layoutFor(field, this.ownInputMode);
          this.layout = own === 'numeric' ? 'alphanumeric' : own;
          break;
        }
      }
    }
    // What was typed may show an error under the field once its element has rendered.
    requestAnimationFrame(() => this.sync());
  }

  private keyLabel(key: Key) {
    const t = this.i18n.t.bind(this.i18n);
    if (key.kind === 'text') return this.upper ? key.text.toLocaleUpperCase('it') : key.text;
    const icon = ICONS[key.command];
    return html`${icon ? html`<span aria-hidden="true">${icon}</span>` : nothing}<span
        >${t(`key.${key.command}`)}</span
      >`;
  }

  private renderKey(key: Key) {
    const t = this.i18n.t.bind(this.i18n);
    const parts = key.kind === 'command' ? `key command${key.command === 'enter' ? ' enter' : ''}` : 'key';
    return html`<button
      type="button"
      part=${parts}
      class="span-${key.span ?? 1}"
      aria-label=${key.kind === 'text' && key.symbol ? t(`symbol.${key.symbol}`) : nothing}
      aria-pressed=${key.kind === 'command' && key.command === 'shift' ? String(this.upper) : nothing}
      @mousedown=${keepFocus}
      @click=${() => this.press(key)}
    >
      ${this.keyLabel(key)}
    </button>`;
  }

  protected override render() {
    if (!this.open) return nothing;
    const rows = rowsOf(this.layout, this.field!, this.ownInputMode);
    return html`<section part="keyboard" class=${this.layout} aria-label=${this.i18n.t('region')}>
      ${rows.map((row) => html`<div part="row" class="row">${row.map((key) => this.renderKey(key))}</div>`)}
    </section>`;
  }
}
