// Types for the part of `qrcode` used here: its core encoder, without the renderers.
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
