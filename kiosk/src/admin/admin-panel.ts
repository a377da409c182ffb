// Registers <kiosk-admin>: the kiosk app's own element (not part of the SDK, hence no `sportello-`
// prefix). The class is in kiosk-admin.ts.
import { define } from '@sportello/core';
import { KioskAdmin } from './kiosk-admin.js';

export { KioskAdmin };
export type { KioskAdminCloseDetail } from './kiosk-admin.js';
export type { KioskUpdates, ServiceWorkerState } from './health.js';

define('kiosk-admin', KioskAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-admin': KioskAdmin;
  }
}
