// Reads the QR code printed on a PDF's first page as a person's phone would: the page drawn to a
// picture by pdfjs-dist (Firefox's PDF reader, not the library that wrote the file) in Chromium,
// then the picture decoded by jsQR (a JavaScript decoder that shares no code with Sportello's QR
// encoder). What comes back is only what the printed page carries.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

const require = createRequire(import.meta.url);
const file = (path: string) => readFileSync(require.resolve(path), 'utf8');

/** The text of the QR code on the PDF's first page, drawn at `scale` (2: about 144 dots per inch). */
export async function readPdfQr(browser: Browser, pdf: Uint8Array, scale = 2): Promise<string> {
  const page = await browser.newPage();
  try {
    // A blank page of its own: no site's policy applies, and the reader's files go in as text.
    await page.setContent('<!doctype html><title>PDF QR</title>');
    await page.addScriptTag({ content: file('jsqr/dist/jsQR.js') });
    const reader = file('pdfjs-dist/build/pdf.min.mjs');
    const worker = file('pdfjs-dist/build/pdf.worker.min.mjs');
    // A string, not a function: tsx would wrap the function's inner helpers in a `__name` call that
    // the page does not have.
    const found = (await page.evaluate(
      `(async ([readerSource, workerSource, base64, scale]) => {
        const blobUrl = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
        const pdfjs = await import(blobUrl(readerSource));
        pdfjs.GlobalWorkerOptions.workerSrc = blobUrl(workerSource);
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const pdf = await pdfjs.getDocument({ data }).promise;
        const first = await pdf.getPage(1);
        const viewport = first.getViewport({ scale });
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        const context = canvas.getContext('2d');
        await first.render({ canvasContext: context, viewport }).promise;
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        return window.jsQR(image.data, image.width, image.height)?.data ?? null;
      })(${JSON.stringify([reader, worker, Buffer.from(pdf).toString('base64'), scale])})`,
    )) as string | null;
    if (found === null) throw new Error('no QR code found on the PDF’s first page');
    return found;
  } finally {
    await page.close();
  }
}
