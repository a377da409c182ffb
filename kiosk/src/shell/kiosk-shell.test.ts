import { elementUpdated, expect } from '@open-wc/testing';
import {
  catalogueProblems,
  manualClock,
  resetSandbox,
  setClock,
  type Clock,
  type Language,
} from '@sportello/core';
import { kioskMessages } from '../messages.js';
import '@sportello/sandbox/register';
import { manualTimers, type ManualTimers } from '../admin/manual-timers.js';
import { DEFAULT_SETTINGS, DEVICE_KEYS, kioskStore, wipeLog, type KioskSettings } from '../device.js';
import { TEXT_SIZES } from '../profile/profile.js';
import { WARNING_SECONDS } from '../session/session.js';
import { recordSpeech, type RecordedSpeech } from '../speech/recorded-speech.js';
import { sandboxApi, throughNetwork } from '../../../test/support/sandbox-network.js';
import './define.js';
import { ATTRACT_SLIDE_MS, ERASED_SCREEN_MS, type KioskShell } from './kiosk-shell.js';
import { sitePageUrl } from './services.js';

// The kiosk's own stylesheet, as the page links it: axe judges colours and sizes as shown.
const stylesheet = document.createElement('link');
stylesheet.rel = 'stylesheet';
stylesheet.href = '/kiosk/public/kiosk.css';
document.head.append(stylesheet);
document.documentElement.setAttribute('data-sportello-kiosk', '');

let timers: ManualTimers;
let speech: RecordedSpeech;
let reloads: number;
let previousClock: Clock;

/** The attract slides fade in: axe judges their colours as they end up, not halfway. */
async function accessible(shell: KioskShell, where: string) {
  for (const animation of document.getAnimations()) animation.finish();
  await expect(shell, where).to.be.accessible();
}

async function frames(count = 2) {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Waits, frame by frame (up to about four seconds), until `until` holds. */
async function settled(until: () => boolean, what = 'the expected state') {
  for (let i = 0; i < 250 && !until(); i++) await frames(1);
  expect(until(), what).to.equal(true);
}

async function kiosk(settings: Partial<KioskSettings> = {}): Promise<KioskShell> {
  await new Promise<void>((resolve) =>
    stylesheet.sheet ? resolve() : stylesheet.addEventListener('load', () => resolve()),
  );
  const shell = document.createElement('kiosk-shell');
  shell.setAttribute('gateway', 'sandbox');
  shell.settings = { ...DEFAULT_SETTINGS, ...settings };
  shell.timers = timers;
  shell.shellPath = location.pathname + location.search;
  shell.reloadShell = () => reloads++;
  document.body.append(shell);
  await shell.updateComplete;
  return shell;
}

const q = <E extends Element = HTMLElement>(shell: KioskShell, selector: string) =>
  shell.querySelector<E>(selector);
const heading = (shell: KioskShell) => q(shell, 'main h1')?.textContent?.trim() ?? '';
const buttonNamed = (shell: KioskShell, name: string) =>
  [...shell.querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === name);

async function press(shell: KioskShell, name: string) {
  const button = buttonNamed(shell, name);
  expect(button, `a button "${name}"`).to.not.equal(undefined);
  button!.click();
  await shell.updateComplete;
}

/** Touches the attract screen: the session starts at home. */
async function touchToStart(shell: KioskShell) {
  q(shell, '.kiosk-attract')!.click();
  await shell.updateComplete;
  expect(heading(shell)).to.be.oneOf(['Cosa vuoi fare?', 'What would you like to do?']);
}

/** The free places of CIE renewal at 11:10 on Monday 23 November, as the gateway counts them now. */
async function freeAt1110() {
  const { slots } = await (
    await sandboxApi()
  ).get('/api/booking/slots', {
    query: { service: 'cie', office: 'anagrafe-centrale', date: '2026-11-23' },
  });
  return slots.find((slot) => slot.start.includes('T11:10'))?.freePlaces;
}

/** From home, the booking tile to a time held: CIE renewal at 11:10 on Monday 23 November. */
async function holdInBooking(shell: KioskShell) {
  q(shell, '[data-service="book"]')!.click();
  await settled(
    () =>
      shell.querySelector('sportello-booking')?.shadowRoot?.querySelector('input[name="service"]') != null,
  );
  const booking = shell.querySelector('sportello-booking')!;
  const shadow = booking.shadowRoot!;
  shadow.querySelector<HTMLInputElement>('input[name="service"]')!.click();
  shadow.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  const dayButton = () =>
    [...(shadow.querySelector('sportello-calendar')?.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => /^lunedì 23 novembre 2026/.test(b.getAttribute('aria-label') ?? ''),
    );
  await settled(() => !!dayButton() && !dayButton()!.disabled, 'Monday 23 November in the calendar');
  dayButton()!.click();
  const time = () => [...shadow.querySelectorAll('button')].find((b) => /^11:10/.test(b.textContent!.trim()));
  await settled(() => !!time(), '11:10 listed');
  time()!.click();
  await settled(
    () =>
      shadow.querySelector('[part="hold"]') !== null &&
      shadow.querySelector('h2')?.textContent?.trim() === 'Perché prendi l’appuntamento?',
    'the time held, at the reason for the appointment',
  );
  return booking;
}

/** A button inside the booking element, by its words. */
const bookingButton = (booking: HTMLElement, name: string) =>
  [...booking.shadowRoot!.querySelectorAll('button')].find(
    (b) => b.textContent!.replace(/\s+/g, ' ').trim() === name,
  );

beforeEach(async () => {
  timers = manualTimers();
  speech = recordSpeech();
  reloads = 0;
  previousClock = setClock(manualClock('2026-11-23T09:00:00+01:00'));
  resetSandbox();
  await kioskStore().device.delete(DEVICE_KEYS.wipeLog);
});
afterEach(() => {
  for (const shell of document.querySelectorAll('kiosk-shell')) shell.remove();
  speech.restore();
  setClock(previousClock);
});

describe('<kiosk-shell> screens', () => {
  it('has every word in Italian and English, with the same placeholders', async () => {
    expect(await catalogueProblems(kioskMessages)).to.deep.equal([]);
  });

  it('is accessible on the attract, home, help, warning and erased screens, in both languages, at every text size', async function () {
    this.timeout(60_000);
    for (const language of ['it', 'en'] as Language[]) {
      for (const textSize of TEXT_SIZES) {
        const shell = await kiosk({ defaultLanguage: language });
        const where = `${language}, ${textSize}`;
        shell.setProfile({ textSize });
        await shell.updateComplete;
        await accessible(shell, `attract, ${where}`);
        await touchToStart(shell);
        shell.setProfile({ textSize });
        await shell.updateComplete;
        await accessible(shell, `home and the profile, ${where}`);
        await press(shell, language === 'it' ? 'Aiuto' : 'Help');
        await accessible(shell, `help, ${where}`);
        timers.advance(90_000);
        await shell.updateComplete;
        expect(q<HTMLDialogElement>(shell, 'dialog')!.open).to.equal(true);
        await accessible(shell, `warning, ${where}`);
        await shell.endSession('finished');
        await shell.updateComplete;
        await accessible(shell, `erased, ${where}`);
        shell.remove();
      }
    }
  });

  it('says how to turn voice guidance on before any touch, in Italian and English, and loops calmly', async () => {
    const shell = await kiosk();
    expect(speech.said.map((s) => s.lang)).to.deep.equal(['it-IT', 'en-GB']);
    expect(speech.said[0]!.text).to.include('tocca il pulsante nell’angolo in basso a sinistra');
    expect(speech.said[1]!.text).to.include('touch the button in the bottom left corner');
    const slide = () => q(shell, '.kiosk-attract-slide')!.textContent!.trim();
    const first = slide();
    timers.advance(ATTRACT_SLIDE_MS);
    await shell.updateComplete;
    expect(slide()).to.not.equal(first);
    // The voice button is the first of the bottom bar, in the corner, on every screen.
    const voice = q(shell, '.kiosk-voice')!;
    const box = voice.getBoundingClientRect();
    expect(box.left).to.be.below(20);
    expect(window.innerHeight - box.bottom).to.be.below(20);
  });

  it('starts a session with voice guidance from the corner button, and says the home screen', async () => {
    const shell = await kiosk();
    speech.clear();
    q(shell, '.kiosk-voice')!.click();
    await shell.updateComplete;
    expect(shell.session.running).to.equal(true);
    expect(shell.profile.readAloud).to.equal(true);
    expect(speech.text()).to.include('Guida vocale attiva. Cosa vuoi fare?');
    expect(speech.text()).to.include('Paga un avviso');
  });

  it('applies the profile to the page and puts it back to the kiosk’s defaults after the session', async () => {
    const shell = await kiosk({ defaultLanguage: 'it' });
    await touchToStart(shell);
    await press(shell, 'English');
    await press(shell, 'High contrast');
    q(shell, '.kiosk-text-size[data-size="largest"]')!.click();
    await shell.updateComplete;
    const root = document.documentElement;
    expect(root.lang).to.equal('en');
    expect(root.getAttribute('data-sportello-theme')).to.equal('high-contrast');
    expect(getComputedStyle(root).fontSize).to.equal('32px');
    expect(heading(shell)).to.equal('What would you like to do?');
    await press(shell, 'I have finished');
    await settled(() => heading(shell) === 'Your data has been erased', 'erased, in the citizen’s language');
    timers.advance(ERASED_SCREEN_MS);
    await shell.updateComplete;
    expect(root.lang).to.equal('it');
    expect(root.hasAttribute('data-sportello-theme')).to.equal(false);
    expect(getComputedStyle(root).fontSize).to.equal('20px');
    expect(q(shell, '.kiosk-attract')).to.not.equal(null);
  });
});

describe('<kiosk-shell> sessions', () => {
  it('warns after 90 s without a touch, shows and says the countdown, gives more time, then ends and erases', async () => {
    const shell = await kiosk();
    await touchToStart(shell);
    speech.clear();
    timers.advance(89_000);
    await shell.updateComplete;
    expect(q<HTMLDialogElement>(shell, 'dialog')!.open).to.equal(false);
    timers.advance(1_000);
    await shell.updateComplete;
    const dialog = q<HTMLDialogElement>(shell, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.include(`Tra ${WARNING_SECONDS} secondi il totem chiude`);
    expect(speech.text()).to.include(`Ci sei ancora? Tra ${WARNING_SECONDS} secondi`);
    expect(speech.said.at(-1)!.lang).to.equal('it-IT');
    timers.advance(5_000);
    await shell.updateComplete;
    expect(dialog.textContent).to.include(`Tra ${WARNING_SECONDS - 5} secondi`);

    for (let i = 0; i < 11; i++) {
      await press(shell, 'Mi serve più tempo');
      expect(dialog.open, 'the warning goes').to.equal(false);
      timers.advance(90_000);
      await shell.updateComplete;
      expect(dialog.open, `warned again, time ${i + 2}`).to.equal(true);
    }

    timers.advance(WARNING_SECONDS * 1000);
    await settled(() => heading(shell) === 'I tuoi dati sono stati cancellati');
    expect(shell.session.running).to.equal(false);
    const [record] = await wipeLog();
    expect(record).to.include({ passed: true });
    expect(reloads).to.equal(0);
  });

  it('at the end, gives the held time back at the gateway before resetting the booking, and leaves nothing', async () => {
    const shell = await kiosk();
    await touchToStart(shell);
    const booking = await holdInBooking(shell);

    expect(await freeAt1110()).to.equal(3);

    // What happens, in order: the gateway's answer to the release, and the element's reset.
    const order: string[] = [];
    await throughNetwork((sandboxFetch) => async (input, init) => {
      const response = await sandboxFetch(input, init);
      if (init?.method === 'DELETE') order.push('hold released at the gateway');
      return response;
    });
    const reset = booking.reset.bind(booking);
    booking.reset = () => {
      order.push('booking reset');
      reset();
    };
    sessionStorage.setItem('sportello.checkout', 'x');
    await press(shell, 'Ho finito');
    await settled(() => heading(shell) === 'I tuoi dati sono stati cancellati');
    expect(order).to.deep.equal(['hold released at the gateway', 'booking reset']);
    expect(await freeAt1110(), 'the place is free again').to.equal(4);
    expect(shell.querySelector('sportello-booking'), 'the element has left the page').to.equal(null);
    expect(sessionStorage.length).to.equal(0);
    const [record] = await wipeLog();
    expect(record).to.include({ passed: true });
  });

  it('hands its kiosk key to the booking element as a property, never in the markup, and no key means no phone', async () => {
    for (const kioskKey of ['', 'demo-kiosk-key']) {
      const shell = await kiosk({ kioskKey });
      await touchToStart(shell);
      const booking = await holdInBooking(shell);
      expect(booking.kioskKey, 'the element’s key').to.equal(kioskKey || undefined);
      expect(booking.getAttribute('phone-url')).to.equal(sitePageUrl('book'));
      expect(shell.outerHTML).to.not.include('demo-kiosk-key');
      const offer = bookingButton(booking, 'Continua sul telefono');
      expect(offer !== undefined, `offered with key "${kioskKey}"`).to.equal(kioskKey !== '');
      await booking.releaseHold();
      shell.remove();
    }
  });

  it('continues on the phone: the code for the booking page, then "I have finished" ends the session and keeps the time', async () => {
    const shell = await kiosk({ kioskKey: 'demo-kiosk-key' });
    await touchToStart(shell);
    const booking = await holdInBooking(shell);
    bookingButton(booking, 'Continua sul telefono')!.click();
    const qr = () => booking.shadowRoot!.querySelector('sportello-qr');
    await settled(() => qr() !== null, 'the code for the phone');
    const link = new URL(qr()!.getAttribute('value')!);
    expect(link.href.startsWith(`${sitePageUrl('book')}#handoff=`), link.href).to.equal(true);
    await accessible(shell, 'the code for the phone');
    // What the kiosk asks the gateway from now on (the in-page sandbox goes with the wipe).
    const sent: string[] = [];
    await throughNetwork((sandboxFetch) => async (input, init) => {
      sent.push(`${init?.method ?? 'GET'} ${new URL(String(input), location.href).pathname}`);
      return sandboxFetch(input, init);
    });
    bookingButton(booking, 'Ho finito')!.click();
    await settled(() => heading(shell) === 'I tuoi dati sono stati cancellati');
    expect(
      sent.filter((request) => request.startsWith('DELETE')),
      'the time stays held, for the phone',
    ).to.deep.equal([]);
    const [record] = await wipeLog();
    expect(record).to.include({ passed: true });
  });

  it('reloads from the shell when the self-check finds something left, and records what', async () => {
    const shell = await kiosk();
    await touchToStart(shell);
    // A database held open by someone who does not let go: its delete is blocked.
    const open = indexedDB.open('stuck-citizen-db', 1);
    await new Promise((resolve) => (open.onsuccess = resolve));
    await press(shell, 'Ho finito');
    await settled(() => reloads === 1, 'the shell reloaded');
    const [record] = await wipeLog();
    expect(record!.passed).to.equal(false);
    expect(record!.failed).to.deep.equal(['IndexedDB stuck-citizen-db']);
    expect(heading(shell), 'never says "erased" when it was not').to.not.equal(
      'I tuoi dati sono stati cancellati',
    );
    open.result.close();
    indexedDB.deleteDatabase('stuck-citizen-db');
  });

  it('ends the session when the citizen says they have finished paying from the phone', async () => {
    const shell = await kiosk();
    await touchToStart(shell);
    const main = q(shell, 'main')!;
    const source = document.createElement('div');
    main.append(source);
    source.dispatchEvent(
      new CustomEvent('sportello-step-change', { detail: { step: 'phone' }, bubbles: true, composed: true }),
    );
    source.dispatchEvent(
      new CustomEvent('sportello-payment-start-over', { detail: {}, bubbles: true, composed: true }),
    );
    await settled(() => heading(shell) === 'I tuoi dati sono stati cancellati');
  });

  it('prints the booking confirmation where a printer is set up, and not where none is', async () => {
    const printed: string[] = [];
    const print = window.print;
    window.print = () => printed.push('print');
    try {
      for (const printer of [false, true]) {
        const shell = await kiosk({ printer });
        await touchToStart(shell);
        q(shell, 'main')!.dispatchEvent(
          new CustomEvent('sportello-booking-confirmed', {
            detail: { reference: 'CIE-1', service: 'cie', start: '' },
            bubbles: true,
          }),
        );
        await frames(3);
        shell.remove();
      }
    } finally {
      window.print = print;
    }
    expect(printed).to.deep.equal(['print']);
  });
});

describe('<kiosk-shell> offline', () => {
  it('says so in plain words, offers the site’s page by QR for a service, and says when it is back', async () => {
    const shell = await kiosk();
    await touchToStart(shell);
    window.dispatchEvent(new Event('offline'));
    await shell.updateComplete;
    expect(q(shell, '.kiosk-network')!.textContent).to.include('Il totem non è collegato a internet');
    expect(q(shell, '[data-service="pay-notice"]')!.textContent).to.include('Ora serve il telefono');
    q(shell, '[data-service="pay-notice"]')!.click();
    await shell.updateComplete;
    expect(heading(shell)).to.equal('Paga un avviso: serve internet');
    const qr = q<HTMLElement & { value: string }>(shell, 'sportello-qr')!;
    expect(qr.value).to.equal(`${location.origin}/servizi/pagare-avviso.html`);
    await settled(() => customElements.get('sportello-qr') !== undefined);
    await elementUpdated(qr);
    await accessible(shell, 'offline service');
    window.dispatchEvent(new Event('online'));
    await shell.updateComplete;
    expect(q(shell, '.kiosk-network')!.textContent).to.include('di nuovo collegato');
  });
});
