// Types for the core of `qrcode` (no renderers), which the tests use to make QR codes
// independently of Sportello's own encoder.
declare module 'qrcode/lib/core/qrcode.js' {
  interface QRCodeSymbol {
    modules: { size: number; data: Uint8Array };
    version: number;
  }
  const QRCode: {
    create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): QRCodeSymbol;
  };
  export default QRCode;
}
