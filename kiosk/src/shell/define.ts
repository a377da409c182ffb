import { KioskShell } from './kiosk-shell.js';

export { KioskShell };

if (!customElements.get('kiosk-shell')) customElements.define('kiosk-shell', KioskShell);
