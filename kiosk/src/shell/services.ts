// The services a citizen can start from the home screen: their words, the element that does them
// (its module loaded when the tile is chosen, or earlier when the kiosk is idle) and the municipal
// site's page for the same service, which a phone opens from the kiosk's QR code when the kiosk has
// no network. Tutorials join this list when their element lands.
import type { KioskMessageKey } from '../messages.js';

export const SERVICE_IDS = ['pay-notice', 'pay-service', 'book', 'manage', 'certificate', 'verify'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export interface KioskService {
  title: KioskMessageKey;
  hint: KioskMessageKey;
  /** The municipal site's page for the service, on the kiosk's own origin (the gateway's). */
  sitePage: string;
  /** Loads and defines the service's element. */
  load(): Promise<unknown>;
  /**
   * Works with no network, from what the kiosk keeps: checking a certificate's QR needs only the
   * municipality's public seal keys, which the service worker keeps (worker-routes.ts).
   */
  worksOffline?: boolean;
}

export const SERVICES: Record<ServiceId, KioskService> = {
  'pay-notice': {
    title: 'tile.payNotice',
    hint: 'tile.payNotice.hint',
    sitePage: '/servizi/pagare-avviso.html',
    load: () => import('@sportello/payment/payment'),
  },
  'pay-service': {
    title: 'tile.payService',
    hint: 'tile.payService.hint',
    sitePage: '/servizi/pagare-servizio.html',
    load: () => import('@sportello/payment/payment-catalogue'),
  },
  book: {
    title: 'tile.book',
    hint: 'tile.book.hint',
    sitePage: '/servizi/prenotare-appuntamento.html',
    load: () => import('@sportello/booking/booking'),
  },
  manage: {
    title: 'tile.manage',
    hint: 'tile.manage.hint',
    sitePage: '/servizi/gestire-appuntamento.html',
    load: () => import('@sportello/booking/booking-manage'),
  },
  // Asking for a certificate needs SPID or CIE, which the kiosk's browser never signs in to (it
  // cannot wipe the identity provider's cookies): the element hands the citizen over to their phone.
  certificate: {
    title: 'tile.certificate',
    hint: 'tile.certificate.hint',
    sitePage: '/servizi/certificati-anagrafici.html',
    load: () => import('@sportello/certificate/certificate'),
  },
  verify: {
    title: 'tile.verify',
    hint: 'tile.verify.hint',
    sitePage: '/servizi/verificare-certificato.html',
    load: () => import('@sportello/certificate/certificate-verify'),
    worksOffline: true,
  },
};

/** The site's page for a service, as a phone reaches it: on the origin the kiosk is served from. */
export const sitePageUrl = (service: ServiceId): string =>
  new URL(SERVICES[service].sitePage, location.origin).href;
