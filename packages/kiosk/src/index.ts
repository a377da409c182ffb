export { SportelloKeyboard, KEYBOARD_HEIGHT_PROPERTY } from './keyboard/keyboard.js';
export { keyboardMessages, type KeyboardMessages } from './keyboard/messages.js';
export { isTextField, layoutFor, type LayoutName, type TextField } from './keyboard/layouts.js';
