// Loaded only when a <sportello-qr> first draws, so pages that never show a code never download the
// encoder. @paulmillr/qr is also the payment scanner's decoder: one library for both directions,
// and the code they share is downloaded once.
import encodeQR from '@paulmillr/qr';

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';

const LEVELS = { L: 'low', M: 'medium', Q: 'quartile', H: 'high' } as const;

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
  let modules: boolean[][];
  try {
    modules = encodeQR(value, 'raw', { ecc: LEVELS[errorCorrection], border: 0 });
  } catch (error) {
    throw new RangeError(`Cannot encode a QR code: ${(error as Error).message}`);
  }
  const size = modules.length;
  let path = '';
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!modules[row]![column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && modules[row]![column]) column++;
      const run = column - start;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`;
    }
  }
  return { side: size + 2 * QUIET_ZONE, path };
}
