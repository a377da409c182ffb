// Draws the kiosk's icons (kiosk/public/icons/, listed by kiosk/public/manifest.webmanifest): the
// drawing below as an SVG, and PNGs of it rendered by Chromium (playwright-core, Debian's chromium)
// rather than by an image library the project would install for four files. The PNGs are committed;
// run `node scripts/kiosk-icons.mjs` again after changing the drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const ICONS = fileURLToPath(new URL('../kiosk/public/icons/', import.meta.url));

/** The Italian design system's primary blue, the manifest's theme and background. */
export const KIOSK_BLUE = '#0066CC';

/**
 * A totem (screen, card slot, foot) in white on the blue. Everything drawn lies within the circle
 * of radius 40% around the centre, the part of a maskable icon every launcher shows. `maskable`
 * fills the square (the launcher cuts its own shape); the other has rounded corners.
 */
export function iconSvg({ maskable = false } = {}) {
  const corner = maskable ? 0 : 96;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${corner}" fill="${KIOSK_BLUE}"/>
  <rect x="176" y="88" width="160" height="300" rx="20" fill="#fff"/>
  <rect x="196" y="110" width="120" height="156" rx="8" fill="${KIOSK_BLUE}"/>
  <rect x="214" y="134" width="84" height="14" rx="7" fill="#fff"/>
  <rect x="214" y="162" width="60" height="14" rx="7" fill="#fff"/>
  <rect x="214" y="222" width="84" height="26" rx="8" fill="#fff"/>
  <rect x="222" y="300" width="68" height="14" rx="7" fill="${KIOSK_BLUE}"/>
  <rect x="231" y="380" width="50" height="26" fill="#fff"/>
  <rect x="156" y="398" width="200" height="26" rx="13" fill="#fff"/>
</svg>
`;
}

const PNGS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
];

async function drawIcons() {
  mkdirSync(ICONS, { recursive: true });
  writeFileSync(join(ICONS, 'icon.svg'), iconSvg());
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const { file, size, maskable } of PNGS) {
      await page.setViewportSize({ width: size, height: size });
      const svg = iconSvg({ maskable }).replace(
        'width="512" height="512"',
        `width="${size}" height="${size}"`,
      );
      await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      writeFileSync(join(ICONS, file), await page.screenshot({ omitBackground: true, type: 'png' }));
      console.log(`kiosk/public/icons/${file}`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await drawIcons();
