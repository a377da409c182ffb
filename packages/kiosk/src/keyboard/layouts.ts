// The keyboard's layouts as data: which keys, in which rows, and which layout a field gets.

/** The three layouts a field can get, and the one the keyboard shows. */
export type LayoutName = 'numeric' | 'alphanumeric' | 'email';

/** Keys that do something other than typing their text; each is named in the page's language. */
export type CommandKey = 'backspace' | 'shift' | 'space' | 'enter' | 'hide' | 'letters' | 'numbers';

/** Punctuation typed by a key, named by its word ("Virgola"), not read as a symbol. */
export type SymbolName =
  'apostrophe' | 'comma' | 'period' | 'hyphen' | 'underscore' | 'at' | 'slash' | 'plus';

/**
 * A key: it types `text` (`symbol` names punctuation, which reads badly as itself), or it is a
 * command. `span` is how many ordinary keys' widths it takes (1 when absent).
 */
export type Key =
  | { kind: 'text'; text: string; symbol?: SymbolName; span?: number }
  | { kind: 'command'; command: CommandKey; span?: number };

/** A layout's keys, row by row from the top. */
export type Rows = readonly (readonly Key[])[];

/** The fields the keyboard types into: text-like inputs and textareas. */
export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Input types that take typed text; checkboxes, radios, buttons, dates and colours do not. */
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'search', 'number', 'url', 'password']);

/**
 * Whether the keyboard types into `node`: a text-like `<input>` (a missing or unknown `type` is
 * text) or a `<textarea>`, neither disabled nor read-only. `<select>` and contenteditable are not.
 */
export function isTextField(node: unknown): node is TextField {
  if (node instanceof HTMLTextAreaElement) return !node.disabled && !node.readOnly;
  return node instanceof HTMLInputElement && TEXT_TYPES.has(node.type) && !node.disabled && !node.readOnly;
}

/**
 * The layout a field gets from its `inputmode` (the one its element gave it, before the keyboard
 * set `none`) and its `type`: digits for numbers, codes, dates and phones; `@` and domains for an
 * email; Italian letters with accents and a digits row (fiscal codes mix both) for the rest.
 */
export function layoutFor(field: TextField, inputMode: string | null): LayoutName {
  const mode = (inputMode ?? '').trim().toLowerCase();
  const type = field instanceof HTMLInputElement ? field.type : 'textarea';
  if (['numeric', 'decimal', 'tel'].includes(mode) || type === 'number' || type === 'tel') return 'numeric';
  if (mode === 'email' || type === 'email') return 'email';
  return 'alphanumeric';
}

const text = (value: string, symbol?: SymbolName): Key =>
  symbol ? { kind: 'text', text: value, symbol } : { kind: 'text', text: value };
const letters = (row: string): Key[] => [...row].map((letter) => text(letter));
const command = (name: CommandKey, span = 1): Key => ({ kind: 'command', command: name, span });

const DIGITS = letters('1234567890');

/**
 * The one key of the numeric pad beside 0 that is not a digit: what the field's numbers need. A
 * phone number starts with +, an amount in euro has a decimal comma, a date is written 15/03/2027.
 */
function numericExtra(field: TextField, inputMode: string | null): Key {
  const mode = (inputMode ?? '').trim().toLowerCase();
  if (mode === 'tel' || (field instanceof HTMLInputElement && field.type === 'tel')) return text('+', 'plus');
  if (mode === 'decimal') return text(',', 'comma');
  return text('/', 'slash');
}

/**
 * The keys of `layout` for `field`. Letters are in the order of the Italian keyboard (QWERTY with
 * è é, ò à ù and ' ì beside the digits), lower case: the shift key shows and types them upper case.
 */
export function rowsOf(layout: LayoutName, field: TextField, inputMode: string | null): Rows {
  switch (layout) {
    case 'numeric':
      return [
        [...letters('123'), command('backspace')],
        [...letters('456'), command('enter')],
        [...letters('789'), command('letters')],
        [numericExtra(field, inputMode), text('0'), command('space'), command('hide')],
      ];
    case 'email':
      return [
        [...DIGITS, command('backspace', 2)],
        letters('qwertyuiop'),
        [...letters('asdfghjkl'), text('@', 'at')],
        [...letters('zxcvbnm'), text('.', 'period'), text('-', 'hyphen'), text('_', 'underscore')],
        [command('numbers', 2), text('.it'), text('.com'), command('enter', 2), command('hide', 2)],
      ];
    case 'alphanumeric':
      return [
        [...DIGITS, text("'", 'apostrophe'), text('ì'), command('backspace', 2)],
        letters('qwertyuiopèé'),
        letters('asdfghjklòàù'),
        [
          command('shift', 2),
          ...letters('zxcvbnm'),
          text(',', 'comma'),
          text('.', 'period'),
          text('-', 'hyphen'),
        ],
        [command('numbers', 2), command('space', 5), command('enter', 2), command('hide', 2)],
      ];
  }
}
