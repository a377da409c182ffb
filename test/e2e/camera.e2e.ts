// Scanning a paper notice with a real camera pipeline: Chromium's fake camera plays a video of
// the notice's QR code (written here as Y4M frames), the widget reads it and finds the notice.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import QRCode from 'qrcode/lib/core/qrcode.js';
import { launchChromium } from '../support/browser.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** A still video (Y4M, 4:2:0) of a QR code on white paper, as a camera pointed at a notice sees it. */
function qrVideo(payload: string, file: string): void {
  const { size, data } = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  const width = 640;
  const height = 480;
  const scale = 8;
  const left = (width - size * scale) / 2;
  const top = (height - size * scale) / 2;
  const luma = Buffer.alloc(width * height, 235); // white
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (!data[row * size + column]) continue;
      for (let y = 0; y < scale; y++) {
        luma.fill(
          16,
          (top + row * scale + y) * width + left + column * scale,
          (top + row * scale + y) * width + left + (column + 1) * scale,
        );
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128); // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array(10).fill(frame)]));
}

let browser: Browser;
let server: TestGateway;
const folder = mkdtempSync(join(tmpdir(), 'sportello-camera-'));
before(async () => {
  const video = join(folder, 'notice.y4m');
  qrVideo('PAGOPA|002|312202600000010279|80001234568|12300', video);
  server = await startTestGateway('sqlite', { siteRoot: '.' });
  browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ]);
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('scanning a notice with the camera', () => {
  it('reads the notice’s QR code from the camera and shows what is owed', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/servizi/pagare-avviso.html`);
    const payment = page.locator('sportello-payment');
    await payment.getByRole('button', { name: 'Inquadra l’avviso con la fotocamera' }).click();
    await payment.getByRole('heading', { name: 'Inquadra il codice dell’avviso' }).waitFor();
    await payment.getByText('TARI 2026 - seconda rata').waitFor();
    assert.match(await payment.locator('[part="summary"]').innerText(), /123,00\s€/);
    const cameraOff = await payment.evaluate((element) => !element.shadowRoot!.querySelector('video'));
    assert.equal(cameraOff, true, 'the camera preview is gone once the code is read');
    await page.close();
  });
});
