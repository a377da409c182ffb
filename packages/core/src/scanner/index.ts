// Reading QR codes (and, where the browser can, Data Matrix codes) printed on paper: a pagoPA
// notice, a certificate. The camera's controller is small; the decoder (scanner.ts) is downloaded
// only when a citizen opens the camera or gives a photo.
export { ScanCamera, type ScanCameraOptions } from './scan-camera.js';
export type { Frame } from './scanner.js';

/** The decoder and the camera: `readCodes(frame)`, `openCamera(video)`, `readsDataMatrix()`. */
export const loadScanner = () => import('./scanner.js');
