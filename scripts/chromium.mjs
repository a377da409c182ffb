// Where Chromium is and how to start it on this kind of machine (headless, as root, no network
// beyond localhost): shared by the unit tests, the end-to-end tests and the bench.
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** CHROME_PATH when set, else Debian's Chromium when installed, else undefined. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

export function chromiumPath() {
  const path = findChromium();
  if (!path)
    throw new Error('Chromium not found: run `node scripts/ensure-chromium.mjs` or set CHROME_PATH.');
  return path;
}

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
// this machine's closed network refuses; --no-sandbox is needed when running as root.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
