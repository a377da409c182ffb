import { unsafeCSS } from 'lit';
import { tokenCss } from './token-values.js';

export * from './token-values.js';

/**
 * Resolved inside every shadow root as private `--_name` properties: the page's system token if set
 * (inherited from any ancestor), else the default. Component styles use only the private names.
 */
export const tokenStyles = unsafeCSS(tokenCss);
