// Reading the codes printed on paper (a pagoPA notice, a certificate) from a camera frame or a
// photo. Loaded only when the citizen opens the camera or gives a photo (see `loadScanner`). The
// browser's own BarcodeDetector reads QR codes and postal Data
// Matrix codes where it exists (Android, ChromeOS, macOS); elsewhere @paulmillr/qr, in plain
// JavaScript, reads QR codes (about 11 KB gzip, where jsQR is 47 KB). A WebAssembly polyfill
// (barcode-detector / zxing) was not used: a strict CSP (`script-src 'self'`, no
// 'wasm-unsafe-eval') forbids compiling WebAssembly on municipal sites.
import decodeQR from '@paulmillr/qr/decode.js';

/** An image to read codes from: a camera's video, a photo (as an ImageBitmap) or a drawing. */
export type Frame = HTMLCanvasElement | HTMLVideoElement | ImageBitmap;

interface NativeDetector {
  detect(source: Frame): Promise<{ rawValue: string }[]>;
}
type DetectorConstructor = {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
};

/** The browser's own BarcodeDetector, where it has one. */
const browserDetector = () => (globalThis as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector;

let formats: Promise<string[]> | undefined;

/** The codes on paper the browser's own detector reads here (`qr_code`, `data_matrix`); none without one. */
function nativeFormats(): Promise<string[]> {
  formats ??= (async () => {
    const Detector = browserDetector();
    if (!Detector) return [];
    return (await Detector.getSupportedFormats()).filter((f) => f === 'qr_code' || f === 'data_matrix');
  })();
  return formats;
}

let native: Promise<NativeDetector | undefined> | undefined;

function nativeDetector(): Promise<NativeDetector | undefined> {
  native ??= nativeFormats().then((found) => {
    const Detector = browserDetector();
    return Detector && found.length ? new Detector({ formats: found }) : undefined;
  });
  return native;
}

/** Whether postal Data Matrix codes can be read here (only the browser's own detector reads them). */
export async function readsDataMatrix(): Promise<boolean> {
  return (await nativeFormats()).includes('data_matrix');
}

let canvas: HTMLCanvasElement | undefined;

function pixels(frame: Frame): ImageData {
  const width = frame instanceof HTMLVideoElement ? frame.videoWidth : frame.width;
  const height = frame instanceof HTMLVideoElement ? frame.videoHeight : frame.height;
  canvas ??= document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(frame, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/** The texts of the codes found in one frame (empty when none is readable yet). */
export async function readCodes(frame: Frame): Promise<string[]> {
  const detector = await nativeDetector();
  if (detector) return (await detector.detect(frame)).map((code) => code.rawValue);
  const image = pixels(frame);
  if (image.width === 0) return [];
  try {
    return [decodeQR({ width: image.width, height: image.height, data: image.data })];
  } catch {
    return []; // no readable code in this frame yet
  }
}

/** Opens the back camera into `video`; resolves to a function that turns it off. */
export async function openCamera(video: HTMLVideoElement): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' } },
    audio: false,
  });
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  video.muted = true;
  video.playsInline = true;
  try {
    await video.play();
  } catch (error) {
    // The preview would not start (its step left the page while the camera was opening: the
    // browser aborts play()): the camera goes off, or its light would stay on with nobody to stop it.
    stop();
    throw error;
  }
  return stop;
}
