// The kiosk's entry, built to /kiosk/kiosk.js: the shell (attract screen, home, services, profile,
// sessions and their wipe), the on-screen keyboard, the admin area behind its gesture, the
// heartbeat and the service worker's updates. The services' elements, the keyboard and the admin
// area load as chunks of their own when first needed, so the first screen stays light.
import { installThemePresets } from '@sportello/core';
import { watchAdminGesture } from './admin/gesture.js';
import { needsSetup } from './admin/pin.js';
import { loadSettings, type KioskSettings } from './device.js';
import { startHeartbeat } from './heartbeat.js';
import { trackObjectUrls } from './session/object-urls.js';
import './shell/define.js';
import type { KioskShell } from './shell/kiosk-shell.js';
import { startUpdates, type KioskUpdates } from './updates.js';

/** No context menu, drag or pinch on the chrome: a kiosk is not a browser (kiosk.css does the rest). */
function lockBrowserGestures(): void {
  const prevent = (event: Event) => event.preventDefault();
  document.addEventListener('contextmenu', prevent);
  document.addEventListener('dragstart', prevent);
  // Ctrl + wheel and two-finger zoom on a touchpad: the text size is the profile's to change.
  document.addEventListener('wheel', (event) => event.ctrlKey && event.preventDefault(), { passive: false });
}

/** The on-screen keyboard, at the end of <body>: off when a physical keyboard is attached. */
function addKeyboard(settings: KioskSettings): HTMLElement & { disabled: boolean } {
  const keyboard = document.createElement('sportello-keyboard');
  keyboard.disabled = settings.physicalKeyboard;
  document.body.append(keyboard);
  void import('@sportello/kiosk/keyboard');
  return keyboard;
}

async function openAdmin(shell: KioskShell, updates: KioskUpdates, keyboard: { disabled: boolean }) {
  if (document.querySelector('kiosk-admin')) return;
  shell.session.pause();
  await import('./admin/admin-panel.js');
  const admin = document.createElement('kiosk-admin');
  admin.mode = (await needsSetup()) ? 'setup' : 'unlock';
  admin.updates = { serviceWorker: () => updates.state };
  admin.addEventListener(
    'kiosk-admin-close',
    (event) => {
      const { settings } = event.detail;
      shell.settings = settings;
      keyboard.disabled = settings.physicalKeyboard;
      admin.remove();
      shell.session.resume();
    },
    { once: true },
  );
  document.body.append(admin);
}

async function start(): Promise<void> {
  trackObjectUrls();
  installThemePresets();
  lockBrowserGestures();
  const settings = await loadSettings();
  const shell = document.createElement('kiosk-shell');
  shell.settings = settings;
  const updates = startUpdates({
    // A new version found while the attract screen shows with nobody here takes over now.
    onStateChange: (state) => {
      if (state === 'waiting' && shell.screen === 'attract' && !shell.session.running) {
        updates.activateIfWaiting();
      }
    },
  });
  shell.addEventListener('kiosk-attract', () => {
    if (updates.activateIfWaiting()) return;
    void updates.checkNow();
  });
  document.body.prepend(shell);
  const keyboard = addKeyboard(settings);
  // Sends at once, then every five minutes: after a failed self-check the shell reloads, and the
  // first beat of the reloaded kiosk carries the failure (the newest entry of the wipe log).
  startHeartbeat({ settings: () => shell.settings, serviceWorker: () => updates.state });
  await shell.updateComplete;
  const coatOfArms = shell.coatOfArms;
  if (coatOfArms) watchAdminGesture(coatOfArms, () => void openAdmin(shell, updates, keyboard));
  // A new kiosk opens in setup until the operator has chosen a PIN.
  if (await needsSetup()) await openAdmin(shell, updates, keyboard);
}

void start();
