// Every element the CDN loader defines on sight: its tag, and the define module that registers it
// (and every element it renders). A new element is one line here; the CDN build publishes each
// module as dist/elements/<name>.js as well (see scripts/browser-bundle.mjs).
export const elementModules: Readonly<Record<string, () => Promise<unknown>>> = {
  'sportello-payment': () => import('@sportello/payment/payment'),
  'sportello-payment-catalogue': () => import('@sportello/payment/payment-catalogue'),
  'sportello-booking': () => import('@sportello/booking/booking'),
  'sportello-booking-manage': () => import('@sportello/booking/booking-manage'),
  'sportello-calendar': () => import('@sportello/booking/calendar'),
  'sportello-certificate': () => import('@sportello/certificate/certificate'),
  'sportello-certificate-verify': () => import('@sportello/certificate/certificate-verify'),
  'sportello-qr': () => import('@sportello/core/qr'),
  'sportello-keyboard': () => import('@sportello/kiosk/keyboard'),
};
