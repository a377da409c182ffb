import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  catalogueProblems,
  manualClock,
  setClock,
  VERSION,
  type Clock,
  type ManualClock,
} from '@sportello/core';
import { sendKeys } from '@web/test-runner-commands';
import {
  DEFAULT_SETTINGS,
  DEVICE_KEYS,
  kioskStore,
  loadSettings,
  saveSettings,
  type KioskSettings,
  type WipeRecord,
} from '../device.js';
import type { HeartbeatState } from '../heartbeat.js';
import './admin-panel.js';
import type { KioskAdmin } from './kiosk-admin.js';
import { adminMessages } from './messages.js';
import { PIN_LOCKOUT_MS, setPin, type StoredPin } from './pin.js';
import { ROOT_FONT_PX, TEXT_SIZES } from '../profile/profile.js';

const device = () => kioskStore().device;
const shadow = (element: KioskAdmin) => element.shadowRoot!;
const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const heading = (element: KioskAdmin) => squash(shadow(element).querySelector('.step-heading')?.textContent);
const text = (element: KioskAdmin) => squash(shadow(element).textContent);
const alerts = (element: KioskAdmin) =>
  [...shadow(element).querySelectorAll('[role="alert"]')].map((alert) => squash(alert.textContent)).join(' ');
const status = (element: KioskAdmin) => squash(shadow(element).querySelector('[role="status"]')?.textContent);
const field = (element: KioskAdmin, id: string) => shadow(element).querySelector<HTMLInputElement>(`#${id}`)!;

function button(element: KioskAdmin, name: string): HTMLButtonElement {
  const found = [...shadow(element).querySelectorAll('button')].find(
    (b) => squash(b.getAttribute('aria-label') ?? b.textContent) === name,
  );
  if (!found) throw new Error(`No button "${name}" on "${heading(element)}"`);
  return found;
}

/** Waits, frame by frame, until the element shows what the test expects (PIN hashing takes a moment). */
async function until(element: KioskAdmin, condition: () => boolean, what = 'the expected state') {
  for (let i = 0; i < 300 && !condition(); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await elementUpdated(element);
  }
  expect(condition(), `reached ${what}`).to.equal(true);
}

async function onScreen(element: KioskAdmin, title: string) {
  await until(element, () => heading(element) === title, `the screen "${title}" (on "${heading(element)}")`);
}

/** The heading of the screen has the keyboard focus, as after every change of screen. */
function expectFocusOnHeading(element: KioskAdmin) {
  expect(document.activeElement, 'focus inside the admin area').to.equal(element);
  expect(shadow(element).activeElement, 'focus on the heading').to.equal(
    shadow(element).querySelector('.step-heading'),
  );
}

/** Types a wrong PIN and waits for the answer: a new count of tries left. */
async function tryWrongPin(element: KioskAdmin, enter: string) {
  const before = alerts(element);
  await tapPin(element, '1111');
  button(element, enter).click();
  await until(
    element,
    () => alerts(element) !== before && hasButton(element, enter),
    'the answer to a wrong PIN',
  );
}

const hasButton = (element: KioskAdmin, name: string) =>
  [...shadow(element).querySelectorAll('button')].some((b) => squash(b.textContent) === name);

/** Types a PIN on the element's own keypad, as a finger does. */
async function tapPin(element: KioskAdmin, pin: string) {
  for (const digit of pin) {
    button(element, digit).click();
    await element.updateComplete;
  }
}

async function openAdmin(mode: 'setup' | 'unlock', updates?: KioskAdmin['updates']): Promise<KioskAdmin> {
  const element = await fixture<KioskAdmin>(
    html`<kiosk-admin mode=${mode} .updates=${updates}></kiosk-admin>`,
  );
  await until(element, () => heading(element) !== '', 'a first screen');
  return element;
}

const WORDS = {
  it: {
    choose: 'Scegli il PIN di amministrazione',
    confirm: 'Scrivi di nuovo il PIN',
    area: 'Impostazioni del totem',
    unlock: 'Area riservata al personale',
    locked: 'PIN bloccato',
    continue: 'Continua',
    savePin: 'Salva il PIN',
    enter: 'Entra',
    save: 'Salva le impostazioni',
    close: 'Chiudi',
  },
  en: {
    choose: 'Choose the admin PIN',
    confirm: 'Type the PIN again',
    area: 'Kiosk settings',
    unlock: 'Staff area',
    locked: 'PIN locked',
    continue: 'Continue',
    savePin: 'Save the PIN',
    enter: 'Enter',
    save: 'Save the settings',
    close: 'Close',
  },
} as const;

let clock: ManualClock;
let previousClock: Clock;

describe('<kiosk-admin>', () => {
  beforeEach(async () => {
    clock = manualClock('2026-11-23T09:00:00+01:00');
    previousClock = setClock(clock);
    document.documentElement.lang = 'it';
    for (const key of Object.values(DEVICE_KEYS)) await device().delete(key);
  });
  afterEach(() => {
    setClock(previousClock);
    document.documentElement.lang = 'it';
  });

  for (const language of ['it', 'en'] as const) {
    const words = WORDS[language];

    it(`is accessible on every screen of the setup and the area (${language})`, async () => {
      const wipes: WipeRecord[] = [
        { at: '2026-11-23T07:50:00Z', passed: false, failed: ['sessionStorage'] },
        { at: '2026-11-23T07:30:00Z', passed: true, failed: [] },
      ];
      await device().set(DEVICE_KEYS.wipeLog, wipes);
      document.documentElement.lang = language;

      const element = await openAdmin('setup', { serviceWorker: () => 'active' });
      await onScreen(element, words.choose);
      await expect(element, 'choose').to.be.accessible();
      await tapPin(element, '1234');
      button(element, words.continue).click();
      await until(element, () => alerts(element) !== '');
      await expect(element, 'choose, refused').to.be.accessible();

      await tapPin(element, '2580');
      button(element, words.continue).click();
      await onScreen(element, words.confirm);
      await expect(element, 'confirm').to.be.accessible();
      await tapPin(element, '2580');
      button(element, words.savePin).click();
      await onScreen(element, words.area);
      await until(element, () => shadow(element).querySelector('.wipes') !== null, 'the health section');
      await expect(element, 'settings and health').to.be.accessible();

      field(element, 'idleSeconds').value = '5';
      field(element, 'idleSeconds').dispatchEvent(new Event('input'));
      button(element, words.save).click();
      await until(element, () => alerts(element) !== '');
      await expect(element, 'settings refused').to.be.accessible();
    });

    it(`is accessible on every screen of the PIN and its lock (${language})`, async () => {
      await setPin('2580');
      document.documentElement.lang = language;
      const element = await openAdmin('unlock');
      await onScreen(element, words.unlock);
      await expect(element, 'unlock').to.be.accessible();
      for (let i = 0; i < 4; i++) await tryWrongPin(element, words.enter);
      await expect(element, 'unlock, wrong PIN').to.be.accessible();
      await tapPin(element, '1111');
      button(element, words.enter).click();
      await onScreen(element, words.locked);
      await expect(element, 'locked').to.be.accessible();
    });

    it(`is accessible at every text size of the kiosk's profile (${language})`, async () => {
      await setPin('2580');
      await device().set(DEVICE_KEYS.wipeLog, [
        { at: '2026-11-23T07:50:00Z', passed: false, failed: ['sessionStorage'] },
      ] satisfies WipeRecord[]);
      document.documentElement.lang = language;
      try {
        for (const size of TEXT_SIZES) {
          document.documentElement.style.fontSize = `${ROOT_FONT_PX[size]}px`;
          const element = await openAdmin('unlock');
          await onScreen(element, words.unlock);
          await expect(element, `unlock, text ${size}`).to.be.accessible();
          await tapPin(element, '2580');
          button(element, words.enter).click();
          await onScreen(element, words.area);
          await until(element, () => shadow(element).querySelector('.wipes') !== null, 'the health section');
          await expect(element, `settings and health, text ${size}`).to.be.accessible();
          element.remove();
        }
      } finally {
        document.documentElement.style.removeProperty('font-size');
      }
    });
  }

  it('has touch targets of 48 px at least, and keypad keys of 60 px', async () => {
    await setPin('2580');
    const element = await openAdmin('unlock');
    await onScreen(element, 'Area riservata al personale');
    const keys = [...shadow(element).querySelectorAll<HTMLElement>('.keypad button')];
    expect(keys).to.have.length(11);
    for (const key of keys) {
      const box = key.getBoundingClientRect();
      expect(
        Math.min(box.width, box.height),
        squash(key.getAttribute('aria-label') ?? key.textContent),
      ).to.be.at.least(60);
    }
    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
    await until(element, () => shadow(element).querySelector('.health dl') !== null, 'the health section');
    const targets = shadow(element).querySelectorAll<HTMLElement>(
      'button, input:not([type="checkbox"], [type="radio"]), label.choice',
    );
    expect(targets.length).to.be.greaterThan(10);
    for (const target of targets) {
      expect(target.getBoundingClientRect().height, target.outerHTML.slice(0, 60)).to.be.at.least(48);
    }
  });

  it('has every message in Italian and English', async () => {
    expect(await catalogueProblems(adminMessages)).to.deep.equal([]);
  });

  it('sets up a new kiosk: a PIN chosen twice, stored as a hash, then the settings', async () => {
    const element = await openAdmin('setup');
    await onScreen(element, 'Scegli il PIN di amministrazione');
    expectFocusOnHeading(element);

    await tapPin(element, '25807');
    expect(field(element, 'pin').value, 'the field shows the digits as dots').to.equal('25807');
    expect(field(element, 'pin').type).to.equal('password');
    expect(field(element, 'pin').inputMode, 'no system keyboard').to.equal('none');
    button(element, 'Cancella l’ultima cifra').click();
    await element.updateComplete;
    expect(field(element, 'pin').value).to.equal('2580');
    button(element, 'Continua').click();
    await onScreen(element, 'Scrivi di nuovo il PIN');
    expectFocusOnHeading(element);
    expect(status(element)).to.equal('Scrivi di nuovo il PIN');

    await tapPin(element, '2580');
    button(element, 'Salva il PIN').click();
    await onScreen(element, 'Impostazioni del totem');
    expectFocusOnHeading(element);
    expect(status(element)).to.equal('PIN salvato. Impostazioni del totem');

    const stored = (await device().get<StoredPin>(DEVICE_KEYS.adminPin))!;
    expect(stored.hash).to.be.a('string');
    expect(JSON.stringify(stored)).not.to.include('2580');
  });

  it('asks for the PIN again when the two differ, and refuses a PIN anyone would guess', async () => {
    const element = await openAdmin('setup');
    await onScreen(element, 'Scegli il PIN di amministrazione');
    await tapPin(element, '123');
    button(element, 'Continua').click();
    await until(element, () => alerts(element) === 'Il PIN deve avere da 4 a 8 cifre.');
    expect(field(element, 'pin').getAttribute('aria-invalid')).to.equal('true');

    await tapPin(element, '1234');
    button(element, 'Continua').click();
    await until(element, () => alerts(element).startsWith('Questo PIN è troppo facile da indovinare'));
    expect(shadow(element).activeElement, 'the focus goes to the PIN field').to.equal(field(element, 'pin'));

    expect(field(element, 'pin').value, 'emptied for the next try').to.equal('');
    await tapPin(element, '2580');
    button(element, 'Continua').click();
    await onScreen(element, 'Scrivi di nuovo il PIN');
    await tapPin(element, '2589');
    button(element, 'Salva il PIN').click();
    await onScreen(element, 'Scegli il PIN di amministrazione');
    expect(alerts(element)).to.equal('I due PIN non sono uguali. Scegli di nuovo il PIN.');
    expect(await device().get(DEVICE_KEYS.adminPin), 'nothing saved').to.equal(undefined);
  });

  it('opens with the right PIN, and says how many tries are left after a wrong one', async () => {
    await setPin('2580');
    const element = await openAdmin('unlock');
    await onScreen(element, 'Area riservata al personale');
    expectFocusOnHeading(element);

    await tapPin(element, '2581');
    button(element, 'Entra').click();
    await until(element, () => alerts(element) !== '');
    expect(alerts(element)).to.equal('Il PIN non è giusto. Restano 4 tentativi prima che il PIN si blocchi.');
    expect(field(element, 'pin').value, 'the field is emptied').to.equal('');

    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
    expectFocusOnHeading(element);
  });

  it('is operable with a physical keyboard: the PIN typed in its field, Enter to go on', async () => {
    await setPin('2580');
    const element = await openAdmin('unlock');
    await onScreen(element, 'Area riservata al personale');
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement).to.equal(field(element, 'pin'));
    await sendKeys({ type: '25x80' });
    expect(field(element, 'pin').value, 'digits only').to.equal('2580');
    await sendKeys({ press: 'Enter' });
    await onScreen(element, 'Impostazioni del totem');

    // Through the settings with Tab, and Save with Enter.
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement).to.equal(field(element, 'name'));
    await sendKeys({ type: 'Biblioteca civica' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Piazza Garibaldi 3' });
    await sendKeys({ press: 'Enter' });
    await until(element, () => status(element) === 'Impostazioni salvate.');
    expect((await loadSettings()).location).to.equal('Piazza Garibaldi 3');
  });

  it('locks after five wrong PINs, says for how long in words, and opens again after five minutes', async () => {
    await setPin('2580');
    const element = await openAdmin('unlock');
    await onScreen(element, 'Area riservata al personale');
    for (let i = 0; i < 4; i++) await tryWrongPin(element, 'Entra');
    expect(alerts(element)).to.equal(
      'Il PIN non è giusto. Resta un solo tentativo, poi il PIN si blocca per 5 minuti.',
    );
    await tapPin(element, '9999');
    button(element, 'Entra').click();
    await onScreen(element, 'PIN bloccato');
    expectFocusOnHeading(element);
    expect(text(element)).to.include('il PIN è bloccato: riprova tra 5 minuti.');

    clock.advance(PIN_LOCKOUT_MS - 61_000);
    button(element, 'Riprova').click();
    await until(element, () => text(element).includes('riprova tra 2 minuti.'));
    expect(status(element)).to.include('riprova tra 2 minuti.');
    clock.advance(60_000);
    button(element, 'Riprova').click();
    await until(element, () => text(element).includes('riprova tra 1 minuto.'));

    clock.advance(1_000);
    button(element, 'Riprova').click();
    await onScreen(element, 'Area riservata al personale');
    expectFocusOnHeading(element);
    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
  });

  it('opens locked while a lock is running, in English too', async () => {
    await setPin('2580');
    await device().set(DEVICE_KEYS.pinLockout, { failures: 0, lockedUntil: clock.now() + 3 * 60_000 });
    document.documentElement.lang = 'en';
    const element = await openAdmin('unlock');
    await onScreen(element, 'PIN locked');
    expect(text(element)).to.include('the PIN is locked: try again in 3 minutes.');
  });

  it('asks for the PIN even when told to set up a kiosk that has one', async () => {
    await setPin('2580');
    const element = await openAdmin('setup');
    await onScreen(element, 'Area riservata al personale');
  });

  it('saves the settings, keeping the key secret', async () => {
    await setPin('2580');
    const element = await openAdmin('unlock');
    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
    expect(field(element, 'idleSeconds').value, 'the default').to.equal('90');
    expect(text(element)).to.include('Chiave salvata: no.');
    expect(field(element, 'newKey').type).to.equal('password');

    const fill = (id: string, value: string) => {
      field(element, id).value = value;
      field(element, id).dispatchEvent(new Event('input'));
    };
    fill('name', '  Biblioteca civica, ingresso ');
    fill('location', 'Piazza Garibaldi 3, Roccasecca');
    fill('newKey', 'k-3f9a2c7e5b1d9e8f');
    fill('idleSeconds', '120');
    shadow(element).querySelector<HTMLInputElement>('input[type="radio"]:not(:checked)')!.click();
    const [printer, keyboard] = [
      ...shadow(element).querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
    ];
    printer!.click();
    keyboard!.click();
    button(element, 'Salva le impostazioni').click();
    await until(element, () => status(element) === 'Impostazioni salvate.');

    const expected: KioskSettings = {
      name: 'Biblioteca civica, ingresso',
      location: 'Piazza Garibaldi 3, Roccasecca',
      kioskKey: 'k-3f9a2c7e5b1d9e8f',
      idleSeconds: 120,
      defaultLanguage: 'en',
      printer: true,
      physicalKeyboard: true,
    };
    expect(await loadSettings()).to.deep.equal(expected);
    expect(text(element)).to.include('Impostazioni salvate.');
    expect(text(element)).to.include('Chiave salvata: sì.');
    expect(field(element, 'newKey').value, 'the key is not shown again').to.equal('');
    expect(text(element)).not.to.include('k-3f9a2c7e5b1d9e8f');

    // Saved again without typing a key: the key stays.
    fill('name', 'Biblioteca civica');
    button(element, 'Salva le impostazioni').click();
    await until(element, () => text(element).includes('Impostazioni salvate.'));
    expect((await loadSettings()).kioskKey).to.equal('k-3f9a2c7e5b1d9e8f');

    // Removed on purpose.
    const remove = [...shadow(element).querySelectorAll('label')].find((l) =>
      l.textContent!.includes('Togli la chiave salvata'),
    )!;
    remove.querySelector('input')!.click();
    button(element, 'Salva le impostazioni').click();
    await until(element, () => text(element).includes('Chiave salvata: no.'));
    expect((await loadSettings()).kioskKey).to.equal('');

    const closing = oneEvent(element, 'kiosk-admin-close');
    button(element, 'Chiudi').click();
    const event = await closing;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.settings).to.deep.equal({ ...expected, name: 'Biblioteca civica', kioskKey: '' });
    await onScreen(element, 'Area riservata al personale');
  });

  it('names each wrong field, in the language shown, and saves nothing', async () => {
    await setPin('2580');
    await saveSettings({ ...DEFAULT_SETTINGS, name: 'Totem 1', location: 'Municipio' });
    for (const language of ['it', 'en'] as const) {
      document.documentElement.lang = language;
      const element = await openAdmin('unlock');
      await tapPin(element, '2580');
      button(element, WORDS[language].enter).click();
      await onScreen(element, WORDS[language].area);
      const fill = (id: string, value: string) => {
        field(element, id).value = value;
        field(element, id).dispatchEvent(new Event('input'));
      };
      fill('name', '   ');
      fill('location', 'x'.repeat(161));
      fill('newKey', 'chiave con spazi');
      fill('idleSeconds', '601');
      button(element, WORDS[language].save).click();
      await until(element, () => alerts(element) !== '');

      const errors = Object.fromEntries(
        ['name', 'location', 'newKey', 'idleSeconds'].map((id) => [
          id,
          squash(shadow(element).querySelector(`#${id}-error`)?.textContent),
        ]),
      );
      if (language === 'it') {
        expect(alerts(element)).to.equal(
          'Le impostazioni non sono state salvate. Controlla: Nome del totem, Dove si trova, Chiave del totem, Tempo di inattività (secondi).',
        );
        expect(errors).to.deep.equal({
          name: 'Scrivi il nome del totem.',
          location: 'Il luogo del totem può avere al massimo 160 caratteri.',
          newKey:
            'La chiave del totem può avere solo lettere senza accenti, cifre, trattini (-) e trattini bassi (_), senza spazi, da 8 a 128 caratteri.',
          idleSeconds: 'Il tempo di inattività deve essere un numero intero di secondi da 30 a 600.',
        });
      } else {
        expect(alerts(element)).to.equal(
          'The settings were not saved. Check: Kiosk name, Where it is, Kiosk key, Idle time (seconds).',
        );
        expect(errors).to.deep.equal({
          name: 'Type the kiosk’s name.',
          location: 'The kiosk’s place can have at most 160 characters.',
          newKey:
            'The kiosk key can only have letters without accents, digits, hyphens (-) and underscores (_), no spaces, 8 to 128 characters.',
          idleSeconds: 'The idle time must be a whole number of seconds from 30 to 600.',
        });
      }
      for (const id of ['name', 'location', 'newKey', 'idleSeconds']) {
        expect(field(element, id).getAttribute('aria-invalid'), id).to.equal('true');
        expect(field(element, id).getAttribute('aria-describedby'), id).to.include(`${id}-error`);
      }
      expect(shadow(element).activeElement, 'the focus goes to the first wrong field').to.equal(
        field(element, 'name'),
      );
      expect(await loadSettings()).to.deep.include({
        name: 'Totem 1',
        location: 'Municipio',
        idleSeconds: 90,
      });

      // One field at a time: the one still wrong is the one named.
      fill('name', 'Totem 2');
      fill('location', 'Municipio');
      fill('newKey', '');
      fill('idleSeconds', '29');
      button(element, WORDS[language].save).click();
      await until(element, () => shadow(element).querySelector('#name-error') === null);
      expect(shadow(element).querySelectorAll('.error')).to.have.length(1);
      expect(shadow(element).activeElement).to.equal(field(element, 'idleSeconds'));
      element.remove();
    }
  });

  it('shows the kiosk’s health: version, service worker, last contact, storage and the wipe self-checks', async () => {
    await setPin('2580');
    const wipes: WipeRecord[] = [
      {
        at: '2026-11-23T07:50:00Z',
        passed: false,
        failed: ['sessionStorage', 'IndexedDB sportello-kiosk-citizen'],
      },
      { at: '2026-11-23T07:30:00Z', passed: true, failed: [] },
    ];
    await device().set(DEVICE_KEYS.wipeLog, wipes);
    const heartbeat: HeartbeatState = {
      lastContactAt: '2026-11-23T07:40:00Z',
      lastAttemptAt: '2026-11-23T07:45:00Z',
      lastStatus: 'offline',
    };
    await device().set(DEVICE_KEYS.heartbeat, heartbeat);
    let worker: 'waiting' | 'active' = 'waiting';
    const element = await openAdmin('unlock', { serviceWorker: () => worker });
    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
    await until(element, () => shadow(element).querySelector('.health dl') !== null, 'the health section');

    const rows = Object.fromEntries(
      [...shadow(element).querySelectorAll('.health dt')].map((dt) => [
        squash(dt.textContent),
        squash(dt.nextElementSibling!.textContent),
      ]),
    );
    expect(rows['Versione dell’app']).to.equal(VERSION);
    expect(rows['Funzionamento senza rete (service worker)']).to.equal('nuova versione pronta, in attesa');
    expect(rows['Ultimo contatto con il server del Comune']).to.equal('23 nov 2026, 08:40');
    expect(rows['Ultimo segnale']).to.equal('23 nov 2026, 08:45: nessuna risposta (rete assente?)');
    expect(rows['Spazio occupato sul dispositivo']).to.match(/^[\d,.]+ (kB|MB)$/);
    const items = [...shadow(element).querySelectorAll('.wipes li')].map((li) => squash(li.textContent));
    expect(items).to.deep.equal([
      '23 nov 2026, 08:50: NON superato, è rimasto: sessionStorage, IndexedDB sportello-kiosk-citizen',
      '23 nov 2026, 08:30: superato, non è rimasto nulla',
    ]);

    worker = 'active';
    await device().set(DEVICE_KEYS.heartbeat, {
      ...heartbeat,
      lastStatus: 401,
      lastAttemptAt: '2026-11-23T07:50:00Z',
    });
    button(element, 'Aggiorna lo stato').click();
    await until(element, () => text(element).includes('chiave rifiutata (risposta 401)'));
    expect(text(element)).to.include('attivo');
  });

  it('says "not available" for the service worker and "never" before any contact, in English', async () => {
    await setPin('2580');
    document.documentElement.lang = 'en';
    const element = await openAdmin('unlock');
    await tapPin(element, '2580');
    button(element, 'Enter').click();
    await onScreen(element, 'Kiosk settings');
    await until(element, () => shadow(element).querySelector('.health dl') !== null, 'the health section');
    expect(text(element)).to.include('Working without network (service worker) not available');
    expect(text(element)).to.include('Last contact with the municipality’s server never');
    expect(text(element)).to.include('No session has ended on this kiosk yet.');
  });

  it('changes the PIN from the area', async () => {
    await setPin('2580');
    const element = await openAdmin('unlock');
    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
    button(element, 'Cambia il PIN').click();
    await onScreen(element, 'Scegli il nuovo PIN');
    expectFocusOnHeading(element);
    await tapPin(element, '7391');
    button(element, 'Continua').click();
    await onScreen(element, 'Scrivi di nuovo il PIN');
    await tapPin(element, '7391');
    button(element, 'Salva il PIN').click();
    await onScreen(element, 'Impostazioni del totem');

    button(element, 'Chiudi').click();
    await onScreen(element, 'Area riservata al personale');
    await tapPin(element, '2580');
    button(element, 'Entra').click();
    await until(element, () => alerts(element).startsWith('Il PIN non è giusto'));
    await tapPin(element, '7391');
    button(element, 'Entra').click();
    await onScreen(element, 'Impostazioni del totem');
  });

  it('follows the page’s language while open', async () => {
    const element = await openAdmin('setup');
    await onScreen(element, 'Scegli il PIN di amministrazione');
    document.documentElement.lang = 'en';
    await onScreen(element, 'Choose the admin PIN');
    expect(button(element, 'Delete the last digit')).to.exist;
  });
});
