import { expect } from '@open-wc/testing';
import { manualClock, setClock, type Clock, type ManualClock } from '@sportello/core';
import { DEVICE_KEYS, kioskStore } from '../device.js';
import {
  checkPin,
  isGuessablePin,
  needsSetup,
  PIN_ITERATIONS,
  PIN_LOCKOUT_MS,
  pinLockedFor,
  pinTriesLeft,
  setPin,
  type StoredPin,
} from './pin.js';

const device = () => kioskStore().device;

/** Everything the device scope holds, as text: to look for the PIN in it. */
async function deviceContents(): Promise<string> {
  const keys = await device().keys();
  return JSON.stringify(await Promise.all(keys.map(async (key) => [key, await device().get(key)])));
}

let clock: ManualClock;
let previousClock: Clock;

describe('admin PIN', () => {
  beforeEach(async () => {
    clock = manualClock('2026-11-23T09:00:00Z');
    previousClock = setClock(clock);
    await device().delete(DEVICE_KEYS.adminPin);
    await device().delete(DEVICE_KEYS.pinLockout);
  });
  afterEach(() => setClock(previousClock));

  it('needs a setup until a PIN is chosen, and stores a salted hash of it, never the PIN', async () => {
    expect(await needsSetup()).to.equal(true);
    await setPin('918273');
    expect(await needsSetup()).to.equal(false);

    const stored = (await device().get<StoredPin>(DEVICE_KEYS.adminPin))!;
    expect(Object.keys(stored).sort()).to.deep.equal(['hash', 'iterations', 'salt']);
    expect(stored.iterations).to.equal(PIN_ITERATIONS);
    expect(stored.iterations).to.be.at.least(310_000);
    expect(atob(stored.salt)).to.have.length(16);
    expect(atob(stored.hash)).to.have.length(32);
    expect(await deviceContents()).not.to.include('918273');

    // The same PIN chosen again: a new salt, so a new hash.
    await setPin('918273');
    const again = (await device().get<StoredPin>(DEVICE_KEYS.adminPin))!;
    expect(again.salt).not.to.equal(stored.salt);
    expect(again.hash).not.to.equal(stored.hash);
  });

  it('is the PBKDF2-SHA-256 hash WebCrypto computes from the stored salt', async () => {
    await setPin('4711');
    const stored = (await device().get<StoredPin>(DEVICE_KEYS.adminPin))!;
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('4711'), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const salt = Uint8Array.from(atob(stored.salt), (c) => c.charCodeAt(0));
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: stored.iterations },
      key,
      256,
    );
    expect(btoa(String.fromCharCode(...new Uint8Array(bits)))).to.equal(stored.hash);
  });

  it('refuses a PIN that is not 4 to 8 digits', async () => {
    for (const pin of ['123', '123456789', '12a4', ' 1234', '']) {
      const refusal = await setPin(pin).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal, `"${pin}"`).to.be.instanceOf(RangeError);
    }
    expect(await needsSetup()).to.equal(true);
  });

  it('tells the right PIN from a wrong one', async () => {
    await setPin('2580');
    expect(await checkPin('2580')).to.equal('ok');
    expect(await checkPin('2581')).to.equal('wrong');
    expect(await checkPin('25800')).to.equal('wrong');
    expect(await pinTriesLeft()).to.equal(3);
    expect(await checkPin('2580')).to.equal('ok');
    expect(await pinTriesLeft(), 'a right PIN starts the count again').to.equal(5);
  });

  it('locks after five wrong tries in a row, the right PIN included, until five minutes have passed', async () => {
    await setPin('2580');
    for (let i = 0; i < 4; i++) expect(await checkPin('0000')).to.equal('wrong');
    expect(await checkPin('0000'), 'the fifth wrong try locks').to.equal('locked');
    expect(await checkPin('2580'), 'locked: not even the right PIN').to.equal('locked');
    expect(await pinLockedFor()).to.equal(PIN_LOCKOUT_MS);

    clock.advance(PIN_LOCKOUT_MS - 1000);
    expect(await checkPin('2580')).to.equal('locked');
    expect(await pinLockedFor()).to.equal(1000);

    clock.advance(1000);
    expect(await pinLockedFor()).to.equal(0);
    expect(await checkPin('2580')).to.equal('ok');
  });

  it('counts five fresh tries after a lock has passed', async () => {
    await setPin('2580');
    for (let i = 0; i < 5; i++) await checkPin('1111');
    clock.advance(PIN_LOCKOUT_MS);
    expect(await pinTriesLeft()).to.equal(5);
    expect(await checkPin('1111')).to.equal('wrong');
    expect(await pinTriesLeft()).to.equal(4);
  });

  it('does not let tries started together past the lock', async () => {
    await setPin('2580');
    const answers = await Promise.all(['1', '2', '3', '4', '5', '6'].map((d) => checkPin(d.repeat(4))));
    expect(answers).to.deep.equal(['wrong', 'wrong', 'wrong', 'wrong', 'locked', 'locked']);
  });

  it('keeps its lock across a reload of the kiosk', async () => {
    await setPin('2580');
    for (let i = 0; i < 5; i++) await checkPin('1111');
    const stored = await device().get(DEVICE_KEYS.pinLockout);
    expect(stored).to.deep.equal({ failures: 0, lockedUntil: clock.now() + PIN_LOCKOUT_MS });
  });

  it('ends a lock five minutes from now when the kiosk’s clock was set back', async () => {
    await setPin('2580');
    for (let i = 0; i < 5; i++) await checkPin('1111');
    clock.advance(-365 * 24 * 3_600_000); // a PC whose clock went back a year
    expect(await pinLockedFor()).to.equal(PIN_LOCKOUT_MS);
    clock.advance(PIN_LOCKOUT_MS);
    expect(await checkPin('2580')).to.equal('ok');
  });

  it('a new PIN clears the lock', async () => {
    await setPin('2580');
    for (let i = 0; i < 5; i++) await checkPin('1111');
    await setPin('7391');
    expect(await checkPin('7391')).to.equal('ok');
  });

  it('knows the PINs anyone tries first', () => {
    for (const pin of ['0000', '1234', '9876', '45678', '77777777'])
      expect(isGuessablePin(pin), pin).to.equal(true);
    for (const pin of ['2580', '1357', '9012', '4711']) expect(isGuessablePin(pin), pin).to.equal(false);
  });
});
