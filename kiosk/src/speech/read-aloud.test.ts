import { elementUpdated, expect, fixture, html } from '@open-wc/testing';
import { emit, manualClock, resetSandbox, setClock, type Clock, type Language } from '@sportello/core';
import '@sportello/booking/booking';
import '@sportello/sandbox/register';
import { ReadAloud, spokenControl } from './read-aloud.js';
import { recordSpeech, type RecordedSpeech } from './recorded-speech.js';

describe('voice guidance', () => {
  let speech: RecordedSpeech;
  let enabled: boolean;
  let language: Language;
  let previousClock: Clock;

  async function guided(content = html``) {
    const root = await fixture<HTMLDivElement>(html`<div gateway="sandbox">${content}</div>`);
    const readAloud = new ReadAloud(root, { language: () => language, enabled: () => enabled });
    readAloud.connect();
    return root;
  }

  beforeEach(() => {
    speech = recordSpeech();
    enabled = true;
    language = 'it';
    previousClock = setClock(manualClock('2026-11-23T09:00:00+01:00'));
    resetSandbox();
  });
  afterEach(() => {
    speech.restore();
    setClock(previousClock);
  });

  it('says every announcement an element offers, in the language on screen', async () => {
    const root = await guided(html`<span></span>`);
    emit(root.querySelector('span')!, 'sportello-announcement', { text: 'Il codice non è valido.' });
    language = 'en';
    emit(root.querySelector('span')!, 'sportello-announcement', { text: 'The code is not valid.' });
    expect(speech.said).to.deep.equal([
      { text: 'Il codice non è valido.', lang: 'it-IT' },
      { text: 'The code is not valid.', lang: 'en-GB' },
    ]);
  });

  it('says the focused control, inside shadow roots, with its role and state, never a typed value', async () => {
    const root = await guided(
      html`<div id="host"></div>
        <button aria-pressed="true">Più tempo</button>`,
    );
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<label for="cf">Codice fiscale</label><input id="cf" value="RSSMRA80A01H501U" />`;
    shadow.querySelector('input')!.focus();
    root.querySelector('button')!.focus();
    expect(speech.said.map((s) => s.text)).to.deep.equal([
      'Codice fiscale, campo di testo',
      'Più tempo, pulsante, attivo',
    ]);
    expect(speech.text()).to.not.include('RSSMRA80A01H501U');
  });

  it('names controls in English when the screen is in English', async () => {
    const button = await fixture<HTMLButtonElement>(
      html`<button aria-pressed="false">High contrast</button>`,
    );
    expect(spokenControl(button, 'en')).to.equal('High contrast, button, off');
  });

  it('says the step an element moves to: the booking’s “step 3 of 6”', async () => {
    const root = await guided(html`<sportello-booking></sportello-booking>`);
    const booking = root.querySelector('sportello-booking')!;
    const shadow = booking.shadowRoot!;
    for (let i = 0; i < 200 && !shadow.querySelector('input[name="service"]'); i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    shadow.querySelector<HTMLInputElement>('input[name="service"]')!.click();
    speech.clear();
    shadow.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    for (let i = 0; i < 200 && !speech.text().includes('Passo 3 di 6'); i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await elementUpdated(booking);
    }
    expect(speech.text()).to.include('Passo 3 di 6: Scegli il giorno e l’ora');
  });

  it('says nothing while voice guidance is off', async () => {
    enabled = false;
    const root = await guided(html`<button>Aiuto</button>`);
    root.querySelector('button')!.focus();
    emit(root, 'sportello-announcement', { text: 'Passo 1' });
    expect(speech.said).to.deep.equal([]);
  });
});
