import { apiClientFor, now, translate, type Language, type MessageParams } from '@sportello/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { DEFAULT_SETTINGS, type KioskSettings, type WipeRecord } from '../device.js';
import { kioskMessages, type KioskMessageKey } from '../messages.js';
import { applyProfile, defaultProfile, TEXT_SIZES, type Profile, type TextSize } from '../profile/profile.js';
import { selfCheck } from '../session/self-check.js';
import { Session, type SessionEnd, type Timers } from '../session/session.js';
import { dropHistory, releaseHolds, resetElements, wipeCitizenData } from '../session/wipe.js';
import { ReadAloud } from '../speech/read-aloud.js';
import { speak, stopSpeaking } from '../speech/speech.js';
import { SERVICE_IDS, SERVICES, sitePageUrl, type ServiceId } from './services.js';

type Screen = 'attract' | 'home' | 'help' | 'service' | 'offline-service' | 'erased';

/** Each attract slide shows this long (a calm loop: no motion between slides but a fade). */
export const ATTRACT_SLIDE_MS = 6_000;
/** The attract screen says how to turn voice guidance on when it appears, then this often. */
export const ATTRACT_SPEECH_MS = 120_000;
/** "Your data has been erased" shows this long before the attract screen. */
export const ERASED_SCREEN_MS = 6_000;
/** "Back online" shows this long. */
export const ONLINE_NOTICE_MS = 8_000;

const ATTRACT_SLIDES: KioskMessageKey[] = [
  'attract.slide.payNotice',
  'attract.slide.payService',
  'attract.slide.book',
  'attract.slide.manage',
];

const windowTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The municipality as the home screen shows it; `logo` once the contract has it. */
interface MunicipalityProfile {
  name: string;
  logo?: string;
}

export interface KioskShellEventMap {
  /** The attract screen shows and no session runs: the moment to activate a waiting update. */
  'kiosk-attract': CustomEvent<Record<string, never>>;
  /** A session ended and its self-check ran: its result (names of places, never data). */
  'kiosk-session-end': CustomEvent<WipeRecord>;
}

/**
 * The kiosk's shell: attract screen, home with a tile per service, the service's element, help,
 * the accessibility profile (always at the bottom), the citizen's session with its idle warning,
 * and the session's end: release, reset, wipe, self-check, "your data has been erased".
 *
 * Rendered in the page's own DOM (no shadow root), so that kiosk.css styles it and the profile on
 * `<html>` reaches it as it reaches the elements. Screens change without history entries.
 *
 * @fires kiosk-attract - The attract screen shows, with no session.
 * @fires kiosk-session-end - A session ended; `detail` is the self-check's WipeRecord.
 */
export class KioskShell extends LitElement {
  /** The kiosk's settings (the admin area changes them). */
  @property({ attribute: false }) settings: KioskSettings = DEFAULT_SETTINGS;
  /** The timers of the session, the attract loop and the notices: manual ones in tests. */
  @property({ attribute: false }) timers: Timers = windowTimers;
  /** What the shell does when a self-check fails: reload from the shell (tests observe it). */
  @property({ attribute: false }) reloadShell: () => void = () => location.replace(this.shellPath);

  @state() screen: Screen = 'attract';
  @state() service?: ServiceId;
  @state() profile: Profile = defaultProfile(DEFAULT_SETTINGS.defaultLanguage);
  /** Seconds left on the idle warning; 0 when it does not show. */
  @state() warningSeconds = 0;
  /** The session is ending: the erasing notice covers the screen. */
  @state() ending = false;
  @state() online = navigator.onLine;
  @state() private networkNotice?: 'offline' | 'online';
  @state() private municipality?: MunicipalityProfile;
  @state() private slide = 0;
  @state() private serviceState: 'loading' | 'ready' | 'failed' = 'loading';

  readonly session = new Session({
    idleSeconds: () => this.settings.idleSeconds,
    moreTime: () => this.profile.moreTime,
    onWarning: (seconds) => this.showWarning(seconds),
    onExtended: () => {
      this.warningSeconds = 0;
    },
    onEnd: (reason) => void this.endSession(reason),
    timers: {
      setTimeout: (c, ms) => this.timers.setTimeout(c, ms),
      clearTimeout: (h) => this.timers.clearTimeout(h),
    },
  });

  readonly readAloud = new ReadAloud(this, {
    language: () => this.profile.language,
    enabled: () => this.profile.readAloud,
  });

  /** The shell's own address, path and query: the session's end puts it back (see dropHistory). */
  @property({ attribute: false }) shellPath = location.pathname;
  /** History's length when the shell started: the self-check finds any entry a session added. */
  readonly historyLength = history.length;

  private attractTimers: unknown[] = [];
  private noticeTimer: unknown;
  private erasedTimer: unknown;
  /**
   * The last step each element said it showed (`phone` is the payment's "pay with your phone" and
   * the booking's "continue on your phone").
   */
  private lastStep = '';

  constructor() {
    super();
    // On the shell itself, which outlives its children: added once, never taken off.
    this.addEventListener('sportello-step-change', this.onStepChange);
    this.addEventListener('sportello-payment-start-over', this.onFinishedOnPhone);
    this.addEventListener('sportello-booking-start-over', this.onFinishedOnPhone);
    this.addEventListener('sportello-payment-completed', this.onPrintable);
    this.addEventListener('sportello-booking-confirmed', this.onPrintable);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.profile = defaultProfile(this.settings.defaultLanguage);
    applyProfile(this.profile);
    this.readAloud.connect();
    for (const type of ['pointerdown', 'keydown', 'input', 'wheel']) {
      this.ownerDocument.addEventListener(type, this.onActivity, { capture: true, passive: true });
    }
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
    void this.loadPublicData();
    this.showAttract();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.readAloud.disconnect();
    for (const type of ['pointerdown', 'keydown', 'input', 'wheel']) {
      this.ownerDocument.removeEventListener(type, this.onActivity, { capture: true });
    }
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    this.stopAttract();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // New settings from the admin area: the default language applies at once when nobody is here.
    if (changed.has('settings') && !this.session.running && !this.ending) {
      this.profile = { ...this.profile, language: this.settings.defaultLanguage };
      applyProfile(this.profile);
    }
  }

  protected override updated(): void {
    const name = this.municipality?.name;
    this.ownerDocument.title = name
      ? this.t('page.title', { municipality: name })
      : this.t('attract.heading');
    const dialog = this.querySelector<HTMLDialogElement>('dialog.kiosk-warning');
    if (!dialog) return;
    if (this.warningSeconds > 0 && !dialog.open) dialog.showModal();
    if (this.warningSeconds === 0 && dialog.open) dialog.close();
  }

  /** The header's coat of arms and name: where the admin gesture is made (see admin/gesture.ts). */
  get coatOfArms(): HTMLElement | null {
    return this.querySelector('.kiosk-coat-of-arms');
  }

  private t(key: KioskMessageKey, params?: MessageParams | { seconds: number }): string {
    return translate(kioskMessages, this.profile.language, key, params as never);
  }

  private tIn(language: Language, key: KioskMessageKey): string {
    return translate(kioskMessages, language, key);
  }

  /** The municipality's name and coat of arms for the header, and its seal keys for offline checks. */
  private async loadPublicData(): Promise<void> {
    try {
      const { name, logo } = await apiClientFor(this).get('/api/municipality');
      // `logo` is optional in the contract: a gateway without one shows the name only.
      this.municipality = { name, ...(logo ? { logo } : {}) };
    } catch {
      // Offline at first start, with nothing cached: the header says "Municipal services" only.
    }
    // Asked for whenever the kiosk starts online, so that its worker keeps the latest (worker-routes.ts)
    // and the verify tile checks a certificate's QR with no network. Public keys, about no one.
    void apiClientFor(this)
      .get('/api/certificates/seal-keys')
      .catch(() => undefined);
  }

  // --- The attract screen ---------------------------------------------------------------------

  private showAttract(): void {
    this.stopAttract();
    this.screen = 'attract';
    this.service = undefined;
    this.slide = 0;
    const nextSlide = () => {
      this.slide = (this.slide + 1) % ATTRACT_SLIDES.length;
      this.attractTimers[0] = this.timers.setTimeout(nextSlide, ATTRACT_SLIDE_MS);
    };
    const sayHow = () => {
      this.sayAttractHint();
      this.attractTimers[1] = this.timers.setTimeout(sayHow, ATTRACT_SPEECH_MS);
    };
    this.attractTimers = [this.timers.setTimeout(nextSlide, ATTRACT_SLIDE_MS)];
    sayHow();
    this.dispatchEvent(new CustomEvent('kiosk-attract', { detail: {} }));
  }

  /**
   * How to turn voice guidance on, in Italian then English, whether or not it is on: a citizen who
   * cannot see the screen must hear it before touching anything (needs Chromium's autoplay flag).
   */
  private sayAttractHint(): void {
    speak(this.tIn('it', 'attract.spoken'), 'it', { interrupt: true });
    speak(this.tIn('en', 'attract.spoken'), 'en');
  }

  private stopAttract(): void {
    for (const timer of this.attractTimers) this.timers.clearTimeout(timer);
    this.attractTimers = [];
  }

  /** A touch on the attract screen starts a session, with voice guidance when asked for. */
  private startSession(withVoice: boolean): void {
    if (this.session.running || this.ending) return;
    this.stopAttract();
    this.timers.clearTimeout(this.erasedTimer);
    stopSpeaking();
    this.session.start();
    this.profile = { ...defaultProfile(this.settings.defaultLanguage), readAloud: withVoice };
    applyProfile(this.profile);
    this.showScreen('home');
    this.prefetchServices();
    if (withVoice) this.readAloud.say(`${this.t('voice.on')} ${this.screenSummary()}`, { interrupt: true });
  }

  private readonly onAttractClick = (event: Event) => {
    event.preventDefault();
    this.startSession(false);
  };

  // --- Screens --------------------------------------------------------------------------------

  private showScreen(screen: Screen, service?: ServiceId): void {
    this.screen = screen;
    this.service = service;
    // The new screen's heading takes the focus (and is said, with voice guidance on).
    void this.updateComplete.then(() => {
      const heading = this.querySelector<HTMLElement>('main h1');
      heading?.focus();
    });
  }

  /** What the screen shown is, in words: said when voice guidance starts or the screen changes. */
  private screenSummary(): string {
    if (this.screen === 'home') {
      const tiles = SERVICE_IDS.map((id) => this.t(SERVICES[id].title)).join('. ');
      return `${this.t('home.heading')} ${this.t('home.intro')} ${tiles}.`;
    }
    const heading = this.querySelector('main h1')?.textContent ?? '';
    // Inside a service, the element's own step heading too.
    const element = this.querySelector('main .kiosk-service > *');
    const step = element?.shadowRoot?.querySelector('h2, h3')?.textContent ?? '';
    return `${heading}. ${step}`;
  }

  private async chooseService(id: ServiceId): Promise<void> {
    if (!this.online && !SERVICES[id].worksOffline) {
      void import('@sportello/core/qr'); // precached with the kiosk: it draws offline
      return this.showScreen('offline-service', id);
    }
    this.serviceState = 'loading';
    this.showScreen('service', id);
    try {
      await SERVICES[id].load();
      if (this.service === id) this.serviceState = 'ready';
    } catch {
      if (this.service === id) this.serviceState = 'failed';
    }
  }

  /** Loads the services' elements while nobody waits for them, so that a tile answers at once. */
  private prefetched = false;
  prefetchServices(): void {
    if (this.prefetched) return;
    this.prefetched = true;
    const load = () => SERVICE_IDS.forEach((id) => void SERVICES[id].load().catch(() => undefined));
    if ('requestIdleCallback' in window) requestIdleCallback(load);
    else this.timers.setTimeout(load, 0);
  }

  private goHome = () => this.showScreen('home');
  private openHelp = () => this.showScreen('help');
  private finish = () => this.session.finish();

  // --- Profile --------------------------------------------------------------------------------

  setProfile(change: Partial<Profile>): void {
    const before = this.profile;
    this.profile = { ...before, ...change };
    applyProfile(this.profile);
    if (change.moreTime !== undefined && change.moreTime !== before.moreTime) this.session.restartIdle();
    if (change.readAloud === true && !before.readAloud) {
      this.readAloud.say(`${this.t('voice.on')} ${this.screenSummary()}`, { interrupt: true });
    }
    if (change.readAloud === false && before.readAloud) {
      speak(this.t('voice.off'), this.profile.language, { interrupt: true });
    }
    if (change.language && change.language !== before.language && this.profile.readAloud) {
      void this.updateComplete.then(() => this.readAloud.say(this.screenSummary(), { interrupt: true }));
    }
  }

  /** The fixed voice button, bottom left: on the attract screen it starts a session with voice on. */
  private readonly onVoice = () => {
    if (this.screen === 'attract' && !this.session.running) this.startSession(true);
    else this.setProfile({ readAloud: !this.profile.readAloud });
  };

  // --- The session ----------------------------------------------------------------------------

  private readonly onActivity = () => this.session.activity();

  private showWarning(seconds: number): void {
    const first = this.warningSeconds === 0;
    this.warningSeconds = seconds;
    // Said at the start and with ten seconds left: every second would drown the screen's words.
    // Said whether or not voice guidance is on: the warning must reach more than one sense.
    if (first || seconds === 10) {
      speak(this.t('warning.spoken', { seconds }), this.profile.language, { interrupt: true });
    }
  }

  private readonly extend = () => this.session.extend();

  private readonly onWarningCancel = (event: Event) => {
    event.preventDefault(); // Escape: the citizen is there
    this.session.extend();
  };

  /**
   * Ends the session in the order the issue sets: holds released at the gateway, every element
   * reset, the citizen scope erased, the history dropped; then the self-check, recorded, and
   * "your data has been erased" (or, if it failed, a reload from the shell).
   */
  async endSession(_reason: SessionEnd): Promise<WipeRecord> {
    this.warningSeconds = 0;
    this.ending = true;
    stopSpeaking();
    await this.updateComplete;
    await releaseHolds(this.ownerDocument.body);
    resetElements(this.ownerDocument.body);
    this.screen = 'erased';
    this.service = undefined;
    await this.updateComplete; // the service's element has left the page
    await wipeCitizenData();
    dropHistory(this.shellPath);
    const record = await selfCheck(
      { root: this, historyLength: this.historyLength, shellPath: this.shellPath },
      new Date(now()),
    );
    this.dispatchEvent(new CustomEvent('kiosk-session-end', { detail: record }));
    if (!record.passed) {
      this.reloadShell();
      return record;
    }
    this.ending = false;
    this.lastStep = '';
    this.showScreen('erased');
    if (this.profile.readAloud)
      speak(`${this.t('end.erased')}. ${this.t('end.thanks')}`, this.profile.language);
    this.erasedTimer = this.timers.setTimeout(() => {
      // The profile goes back to the kiosk's defaults for the next citizen.
      this.profile = defaultProfile(this.settings.defaultLanguage);
      applyProfile(this.profile);
      this.showAttract();
    }, ERASED_SCREEN_MS);
    return record;
  }

  // --- Events from the elements and the network -----------------------------------------------

  private readonly onStepChange = (event: Event) => {
    this.lastStep = (event as CustomEvent<{ step: string }>).detail.step;
  };

  /**
   * "I have finished" after the phone step (paying from the phone, or the booking handed over to
   * it) ends the session.
   */
  private readonly onFinishedOnPhone = () => {
    if (this.lastStep === 'phone') this.session.finish();
  };

  /** A receipt or a booking confirmation: printed where the kiosk has a printer. */
  private readonly onPrintable = (event: Event) => {
    if (!this.settings.printer) return;
    const detail = (event as CustomEvent<{ status?: string }>).detail;
    if (event.type === 'sportello-payment-completed' && detail.status !== 'paid') return;
    // After the element has drawn the receipt or the confirmation.
    requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
  };

  private readonly onNetwork = (event: Event) => {
    this.online = event.type === 'online';
    this.networkNotice = this.online ? 'online' : 'offline';
    this.timers.clearTimeout(this.noticeTimer);
    if (this.online) {
      this.noticeTimer = this.timers.setTimeout(() => (this.networkNotice = undefined), ONLINE_NOTICE_MS);
    }
    this.readAloud.say(this.t(this.online ? 'network.online' : 'network.offline'));
  };

  // --- Rendering ------------------------------------------------------------------------------

  protected override render() {
    const inSession = this.session.running && !this.ending;
    return html`
      <div class="kiosk" data-screen=${this.screen}>
        ${this.renderHeader()}
        ${
          this.networkNotice
            ? html`<p class="kiosk-network" data-state=${this.networkNotice} role="status">
                ${this.t(this.networkNotice === 'online' ? 'network.online' : 'network.offline')}
              </p>`
            : nothing
        }
        <main id="main" class="kiosk-main" ?inert=${this.ending}>${this.renderScreen()}</main>
        ${inSession && this.screen !== 'attract' ? this.renderActions() : nothing} ${this.renderProfile()}
        ${this.ending ? html`<p class="kiosk-ending" role="status">${this.t('end.erasing')}</p>` : nothing}
        ${this.renderWarning()}
      </div>
    `;
  }

  private renderHeader() {
    const municipality = this.municipality;
    return html`<header class="kiosk-header">
      <div class="kiosk-coat-of-arms">
        ${municipality?.logo ? html`<img class="kiosk-logo" src=${municipality.logo} alt="" />` : nothing}
        <span class="kiosk-municipality">
          ${municipality ? html`<span class="kiosk-name">${municipality.name}</span>` : nothing}
          <span class="kiosk-subtitle">${this.t('header.services')}</span>
        </span>
      </div>
    </header>`;
  }

  private renderScreen() {
    switch (this.screen) {
      case 'attract':
        return this.renderAttract();
      case 'home':
        return this.renderHome();
      case 'help':
        return this.renderHelp();
      case 'service':
        return this.renderService();
      case 'offline-service':
        return this.renderOfflineService();
      case 'erased':
        return this.ending
          ? nothing
          : html`<section class="kiosk-erased">
              <h1 tabindex="-1">${this.t('end.erased')}</h1>
              <p>${this.t('end.thanks')}</p>
            </section>`;
    }
  }

  private renderAttract() {
    // Both languages at once: nobody has chosen one yet.
    // A touch anywhere starts; the "touch to start" button inside is the keyboard's way.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<section class="kiosk-attract" @click=${this.onAttractClick}>
      ${(['it', 'en'] as const).map(
        (language) =>
          html`<div class="kiosk-attract-language" lang=${language}>
            ${language === 'it' ? html`<h1>${this.tIn('it', 'attract.heading')}</h1>` : html`<p class="kiosk-attract-heading">${this.tIn('en', 'attract.heading')}</p>`}
            ${keyed(this.slide, html`<p class="kiosk-attract-slide">${this.tIn(language, ATTRACT_SLIDES[this.slide]!)}</p>`)}
          </div>`,
      )}
      <button type="button" class="kiosk-start">
        <span lang="it">${this.tIn('it', 'attract.start')}</span>
        <span lang="en">${this.tIn('en', 'attract.start')}</span>
      </button>
      <p class="kiosk-attract-voice">
        <span lang="it">${this.tIn('it', 'attract.voice')}</span>
        <span lang="en">${this.tIn('en', 'attract.voice')}</span>
      </p>
    </section>`;
  }

  private renderHome() {
    return html`<section class="kiosk-home">
      <h1 tabindex="-1">${this.t('home.heading')}</h1>
      <p class="kiosk-intro">${this.t('home.intro')}</p>
      <ul class="kiosk-tiles">
        ${SERVICE_IDS.map(
          (id) =>
            html`<li>
              <button
                type="button"
                class="kiosk-tile"
                data-service=${id}
                @click=${() => void this.chooseService(id)}
              >
                <span class="kiosk-tile-title">${this.t(SERVICES[id].title)}</span>
                <span class="kiosk-tile-hint">
                  ${
                    this.online || SERVICES[id].worksOffline
                      ? this.t(SERVICES[id].hint)
                      : this.t('tile.needsNetwork')
                  }
                </span>
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderHelp() {
    return html`<section class="kiosk-help">
      <h1 tabindex="-1">${this.t('help.heading')}</h1>
      <p>${this.t('help.choose')}</p>
      <p>${this.t('help.voice')}</p>
      <p>${this.t('help.profile')}</p>
      <p>${this.t('help.finish')}</p>
      <p>${this.t('help.privacy')}</p>
    </section>`;
  }

  private renderService() {
    const id = this.service!;
    const content =
      this.serviceState === 'failed'
        ? html`<p role="alert">${this.t('service.failed')}</p>`
        : this.serviceState === 'loading'
          ? html`<p>${this.t('service.loading')}</p>`
          : this.renderElement(id);
    return html`<section class="kiosk-service-screen">
      <h1 tabindex="-1">${this.t(SERVICES[id].title)}</h1>
      <div class="kiosk-service">${content}</div>
    </section>`;
  }

  private renderElement(id: ServiceId) {
    switch (id) {
      case 'pay-notice':
        return html`<sportello-payment
          kiosk
          heading-level="2"
          return-url=${sitePageUrl('pay-notice')}
        ></sportello-payment>`;
      case 'pay-service':
        return html`<sportello-payment-catalogue kiosk heading-level="2"></sportello-payment-catalogue>`;
      case 'book':
        // The key as a property: it must not sit in the page's markup. Without one, no hand-off.
        return html`<sportello-booking
          heading-level="2"
          manage-url=${sitePageUrl('manage')}
          phone-url=${sitePageUrl('book')}
          .kioskKey=${this.settings.kioskKey || undefined}
        ></sportello-booking>`;
      case 'manage':
        return html`<sportello-booking-manage heading-level="2"></sportello-booking-manage>`;
      case 'certificate':
        return html`<sportello-certificate
          kiosk
          heading-level="2"
          phone-url=${sitePageUrl('certificate')}
          ?printer=${this.settings.printer}
        ></sportello-certificate>`;
      case 'verify':
        return html`<sportello-certificate-verify kiosk heading-level="2"></sportello-certificate-verify>`;
    }
  }

  private renderOfflineService() {
    const id = this.service!;
    const service = this.t(SERVICES[id].title);
    return html`<section class="kiosk-offline">
      <h1 tabindex="-1">${this.t('offline.heading', { service })}</h1>
      <p>${this.t('offline.text')}</p>
      <sportello-qr
        class="kiosk-offline-qr"
        value=${sitePageUrl(id)}
        label=${this.t('offline.qrLabel', { service })}
      ></sportello-qr>
    </section>`;
  }

  private renderActions() {
    const elsewhere = this.screen !== 'home';
    return html`<nav class="kiosk-actions" aria-label=${this.t('actions.label')}>
      ${elsewhere ? html`<button type="button" @click=${this.goHome}>${this.t('actions.home')}</button>` : nothing}
      ${this.screen !== 'help' ? html`<button type="button" @click=${this.openHelp}>${this.t('actions.help')}</button>` : nothing}
      <button type="button" class="kiosk-finish" @click=${this.finish}>${this.t('actions.finish')}</button>
    </nav>`;
  }

  private renderProfile() {
    const profile = this.profile;
    const attract = this.screen === 'attract';
    const sizeName: Record<TextSize, KioskMessageKey> = {
      normal: 'profile.text.normal',
      large: 'profile.text.large',
      largest: 'profile.text.largest',
    };
    // The voice button first and alone in the corner, in the same place on every screen, so that
    // it can be found by touch (see the attract screen's spoken hint).
    const voice = html`<button
      type="button"
      class="kiosk-voice"
      aria-pressed=${profile.readAloud ? 'true' : 'false'}
      @click=${this.onVoice}
    >
      <svg class="kiosk-voice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"
        />
      </svg>
      ${
        attract
          ? html`<span lang="it">${this.tIn('it', 'profile.voice')}</span>
              <span lang="en">${this.tIn('en', 'profile.voice')}</span>`
          : this.t('profile.voice')
      }
    </button>`;
    if (attract) return html`<div class="kiosk-profile">${voice}</div>`;
    return html`<section class="kiosk-profile" aria-label=${this.t('profile.label')}>
      ${voice}
      <div class="kiosk-profile-controls">
        <div class="kiosk-text-sizes" role="group" aria-label=${this.t('profile.textSize')}>
          ${TEXT_SIZES.map(
            (size) =>
              html`<button
                type="button"
                class="kiosk-text-size"
                data-size=${size}
                aria-pressed=${profile.textSize === size ? 'true' : 'false'}
                @click=${() => this.setProfile({ textSize: size })}
              >
                A<span class="visually-hidden"> ${this.t(sizeName[size])}</span>
              </button>`,
          )}
        </div>
        <button
          type="button"
          aria-pressed=${profile.highContrast ? 'true' : 'false'}
          @click=${() => this.setProfile({ highContrast: !profile.highContrast })}
        >
          ${this.t('profile.contrast')}
        </button>
        <button
          type="button"
          aria-pressed=${profile.moreTime ? 'true' : 'false'}
          @click=${() => this.setProfile({ moreTime: !profile.moreTime })}
        >
          ${this.t('profile.moreTime')}
        </button>
        <div class="kiosk-languages" role="group" aria-label=${this.t('profile.language')}>
          ${(['it', 'en'] as const).map(
            (language) =>
              html`<button
                type="button"
                lang=${language}
                aria-pressed=${profile.language === language ? 'true' : 'false'}
                @click=${() => this.setProfile({ language })}
              >
                ${language === 'it' ? 'Italiano' : 'English'}
              </button>`,
          )}
        </div>
      </div>
    </section>`;
  }

  private renderWarning() {
    const seconds = this.warningSeconds;
    return html`<dialog
      class="kiosk-warning"
      aria-labelledby="kiosk-warning-heading"
      @cancel=${this.onWarningCancel}
    >
      <h2 id="kiosk-warning-heading">${this.t('warning.heading')}</h2>
      ${
        seconds > 0
          ? html`<p class="kiosk-countdown">${this.t('warning.text', { seconds })}</p>
              <div class="kiosk-warning-actions">
                <button type="button" class="kiosk-more-time" @click=${this.extend}>
                  ${this.t('warning.more')}
                </button>
                <button type="button" @click=${this.finish}>${this.t('warning.finish')}</button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-shell': KioskShell;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmenting the DOM's map
  interface HTMLElementEventMap extends KioskShellEventMap {}
}
