// What a key does to the field, as typing on a real keyboard would: the element that owns the
// field sees `beforeinput` and `input` events with the text typed, and Enter submits its form.

import type { TextField } from './layouts.js';

/**
 * Where typing goes in `field`: its selection, or its end for the input types that have no
 * selection (`email`, `number`: their caret cannot be read, and typing there appends).
 */
function selectionOf(field: TextField): { start: number; end: number; selectable: boolean } {
  const length = field.value.length;
  if (field.selectionStart === null || field.selectionEnd === null) {
    return { start: length, end: length, selectable: false };
  }
  return { start: field.selectionStart, end: field.selectionEnd, selectable: true };
}

type Edit = { inputType: 'insertText' | 'insertLineBreak' | 'deleteContentBackward'; data: string | null };

/**
 * Replaces `start`-`end` of the field's value with `text`, the caret after it, announced as typed
 * text: a `beforeinput` the page can cancel, then `input`, both bubbling out of shadow roots.
 */
function edit(field: TextField, text: string, start: number, end: number, selectable: boolean, typed: Edit) {
  const init = { bubbles: true, composed: true, inputType: typed.inputType, data: typed.data };
  if (!field.dispatchEvent(new InputEvent('beforeinput', { ...init, cancelable: true }))) return;
  if (selectable) field.setRangeText(text, start, end, 'end');
  else field.value = field.value.slice(0, start) + text + field.value.slice(end);
  field.dispatchEvent(new InputEvent('input', init));
}

/**
 * Types `text` at the caret (over the selection), cut to what the field's `maxlength` leaves room
 * for; nothing when it is full.
 */
export function insertText(field: TextField, text: string): void {
  const { start, end, selectable } = selectionOf(field);
  const room = field.maxLength >= 0 ? field.maxLength - (field.value.length - (end - start)) : text.length;
  const typed = text.slice(0, Math.max(0, room));
  if (!typed) return;
  const inputType = typed === '\n' ? 'insertLineBreak' : 'insertText';
  edit(field, typed, start, end, selectable, { inputType, data: inputType === 'insertText' ? typed : null });
}

/** Deletes the selection, or the character before the caret. */
export function deleteBackward(field: TextField): void {
  const { start, end, selectable } = selectionOf(field);
  const from = start === end ? Math.max(0, start - 1) : start;
  if (from === end) return;
  edit(field, '', from, end, selectable, { inputType: 'deleteContentBackward', data: null });
}

/** The button that submits `form` when Enter is pressed in one of its fields: its first submit button. */
function defaultButton(form: HTMLFormElement): HTMLButtonElement | HTMLInputElement | undefined {
  for (const control of form.elements) {
    if (control instanceof HTMLButtonElement && control.type === 'submit') return control;
    if (control instanceof HTMLInputElement && (control.type === 'submit' || control.type === 'image')) {
      return control;
    }
  }
  return undefined;
}

/**
 * Presses Enter in `field`: a `keydown` for Enter first (an element that handles Enter itself
 * cancels it), then what Enter does there: a new line in a textarea; in an input, submitting its
 * form through its default button (not when that button is disabled), as the browser's implicit
 * submission does, with the form's own validation and submit handlers.
 */
export function pressEnter(field: TextField): void {
  const keydown = new KeyboardEvent('keydown', {
    key: 'Enter',
    code: 'Enter',
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  if (!field.dispatchEvent(keydown)) return;
  if (field instanceof HTMLTextAreaElement) {
    insertText(field, '\n');
    return;
  }
  const form = field.form;
  if (!form) return;
  const button = defaultButton(form);
  if (button?.disabled) return;
  form.requestSubmit(button);
}
