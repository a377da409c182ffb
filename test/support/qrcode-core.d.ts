// Types for the part of `qrcode` the tests use: its core encoder, without the renderers. The tests
// draw notices' QR codes with it, a library apart from the one the widgets encode and decode with.
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
