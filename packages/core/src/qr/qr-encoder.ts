// Loaded only when a <sportello-qr> first draws, so pages that never show a code never download the
// encoder. It is @paulmillr/qr, the library core's camera scanner (scanner/) decodes with: a page
// that does both downloads their shared part once. Text goes in as UTF-8 bytes (numeric or
// alphanumeric when it is only that, in one segment), which draws a pagoPA payload as the symbol
// printed on the paper notice: version 4 (33 modules) at error correction M. It is slower than
// `qrcode` (about 60 ms a code against 15 at 4x CPU slowdown, most of it choosing the mask): the
// price of 6 KB gzip less in all of Sportello (README, Paying).
import encodeQR from '@paulmillr/qr';

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';

const LEVEL_NAMES = { L: 'low', M: 'medium', Q: 'quartile', H: 'high' } as const;

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
  let rows: boolean[][];
  try {
    rows = encodeQR(value, 'raw', { ecc: LEVEL_NAMES[errorCorrection], border: 0 });
  } catch (error) {
    throw new RangeError(`Cannot encode a QR code: ${(error as Error).message}`);
  }
  let path = '';
  rows.forEach((modules, row) => {
    let column = 0;
    while (column < modules.length) {
      if (!modules[column]) {
        column++;
        continue;
      }
      const start = column;
      while (modules[column]) column++;
      const run = column - start;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
    }
  });
  return { side: rows.length + 2 * QUIET_ZONE, path };
}
