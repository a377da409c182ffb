// Loaded only when a <sportello-qr> first draws, so pages that never show a code never download the
// encoder (about 10 KB gzip). `qrcode`'s core is used alone: its renderers need canvas or Node.
import QRCode from 'qrcode/lib/core/qrcode.js';

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** Modules of white border the QR specification asks for around the symbol. */
export const QUIET_ZONE = 4;

export interface QrDrawing {
  /** Side of the drawing in modules, quiet zone included: the SVG viewBox size. */
  side: number;
  /** One SVG path drawing every dark module, a rectangle per horizontal run. */
  path: string;
}

/** Encodes `value` and returns it as one SVG path; throws a RangeError when it does not fit in a QR code. */
export function drawQr(value: string, errorCorrection: ErrorCorrection): QrDrawing {
  let symbol: ReturnType<typeof QRCode.create>;
  try {
    symbol = QRCode.create(value, { errorCorrectionLevel: errorCorrection });
  } catch (error) {
    throw new RangeError(`Cannot encode a QR code: ${(error as Error).message}`);
  }
  const { size, data } = symbol.modules;
  let path = '';
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!data[row * size + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && data[row * size + column]) column++;
      const run = column - start;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
    }
  }
  return { side: size + 2 * QUIET_ZONE, path };
}
