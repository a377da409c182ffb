import {
  baseStyles,
  formatDateTime,
  formStyles,
  LOCALES,
  LocalizeController,
  SportelloElement,
  StepFlow,
  type Language,
} from '@sportello/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, type KioskSettings } from '../device.js';
import { readHealth, type KioskHealth, type KioskUpdates } from './health.js';
import { kioskAdminStyles } from './kiosk-admin.styles.js';
import { adminMessages, type AdminMessageKey } from './messages.js';
import {
  checkPin,
  isGuessablePin,
  isPinFormat,
  needsSetup,
  pinLockedFor,
  pinTriesLeft,
  setPin,
} from './pin.js';
import {
  CHECKED_FIELDS,
  draftOf,
  settingsFrom,
  settingsProblems,
  type CheckedField,
  type FieldProblem,
  type SettingsDraft,
} from './settings-form.js';

type Screen = 'unlock' | 'locked' | 'choose' | 'confirm' | 'area';

export interface KioskAdminCloseDetail {
  /** The settings as saved (unsaved changes in the form are dropped). */
  settings: KioskSettings;
}

/** How often the locked screen reads the lock again: its "in N minutes" stays true. */
const LOCK_REFRESH_MS = 15_000;
const PIN_DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

// Built once per language: creating Intl formatters is slow on a kiosk PC.
const relativeTimes = new Map<Language, Intl.RelativeTimeFormat>();
const byteSizes = new Map<string, Intl.NumberFormat>();

/**
 * The kiosk's admin area: the PIN (chosen at the first setup, asked at each opening, locked for five
 * minutes after five wrong tries), the kiosk's settings and its health (version, service worker, last
 * contact with the gateway, storage used, the last session-end self-checks).
 *
 * It looks at the device itself: without a PIN stored it always starts at the setup, and with one it
 * always asks for it, whatever `mode` says, so a wrong `mode` can neither skip the PIN nor leave a new
 * kiosk with no way in. Create it when the gesture opens the area and remove it on close: closing
 * also locks it again.
 *
 * The PIN is typed on its own keypad (no system keyboard), or with a physical keyboard in its field.
 *
 * @tagname kiosk-admin
 * @summary The kiosk's PIN-protected settings and health.
 *
 * @fires kiosk-admin-close - "Close" was pressed: `{ settings }`, the settings as saved.
 * @fires sportello-step-change - Another screen is shown: `{ step }` (`unlock`, `locked`, `choose`, `confirm`, `area`).
 * @fires sportello-announcement - The element says something to screen readers: `{ text }`.
 */
export class KioskAdmin extends SportelloElement {
  static override styles = [baseStyles, formStyles, kioskAdminStyles];

  /** `setup` at the first opening (no PIN yet: see `needsSetup()`), `unlock` afterwards. */
  @property({ reflect: true }) mode: 'setup' | 'unlock' = 'unlock';

  /** The shell's service worker, for the health section; "not available" without it. */
  @property({ attribute: false }) updates?: KioskUpdates;

  /** The first screen is known (the device has been asked). */
  @state() private ready = false;
  @state() private pin = '';
  /** The PIN chosen, between choosing it and typing it again; never stored as such. */
  private chosenPin = '';
  @state() private changingPin = false;
  @state() private lockedFor = 0;
  @state() private saved: KioskSettings = DEFAULT_SETTINGS;
  @state() private draft: SettingsDraft = draftOf(DEFAULT_SETTINGS);
  @state() private fieldProblems: Partial<Record<CheckedField, FieldProblem>> = {};
  @state() private savedNotice = false;
  @state() private health?: KioskHealth;

  private readonly i18n = new LocalizeController(this, adminMessages);
  /** Said before the heading of the next screen ("PIN saved. Kiosk settings"). */
  private arrivalNote?: AdminMessageKey;
  private readonly flow = new StepFlow<Screen, 'checking' | 'saving'>(this, {
    first: 'unlock',
    announcement: (title) => {
      const note = this.arrivalNote;
      this.arrivalNote = undefined;
      return note ? `${this.t(note)} ${title}` : title;
    },
  });
  /** Each opening's number: an opening overtaken by another (mode changed meanwhile) is dropped. */
  private opening = 0;
  private lockRefresh?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.ready && this.flow.step === 'locked') this.startLockRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLockRefresh();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode')) void this.open();
  }

  private t(key: AdminMessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params as never);
  }

  /** Shows the first screen for the device's state: setup, the PIN, or the lock. */
  private async open(): Promise<void> {
    const opening = ++this.opening;
    this.stopLockRefresh();
    const [settings, setup, lockedFor] = await Promise.all([loadSettings(), needsSetup(), pinLockedFor()]);
    if (opening !== this.opening) return;
    this.saved = settings;
    this.resetForm();
    this.pin = '';
    this.chosenPin = '';
    this.changingPin = false;
    this.health = undefined;
    this.flow.reset();
    if (setup) this.flow.goTo('choose');
    else if (lockedFor > 0) this.showLock(lockedFor);
    else this.flow.goTo('unlock');
    this.ready = true;
    // The area opened over the kiosk's screen: its heading takes the focus, as on every new screen.
    this.flow.refocus();
  }

  private resetForm(): void {
    this.draft = draftOf(this.saved);
    this.fieldProblems = {};
    this.savedNotice = false;
  }

  private close(): void {
    this.dispatchEvent(
      new CustomEvent<KioskAdminCloseDetail>('kiosk-admin-close', {
        detail: { settings: this.saved },
        bubbles: true,
        composed: true,
      }),
    );
    // Locked again, in case the shell shows this element again instead of a new one.
    void this.open();
  }

  // The PIN screens.

  private readonly typePin = (event: Event) => {
    const input = event.target as HTMLInputElement;
    this.pin = input.value.replace(/\D/g, '').slice(0, 8);
    input.value = this.pin;
  };

  private pressDigit(digit: string): void {
    if (this.pin.length < 8) this.pin += digit;
  }

  private readonly deleteDigit = () => {
    this.pin = this.pin.slice(0, -1);
  };

  /**
   * Shows `key` as the screen's problem, with the PIN field emptied for the next try and the focus
   * back in it (the problem is its description).
   */
  private pinProblem(key: AdminMessageKey, params?: Record<string, number>): void {
    this.pin = '';
    this.flow.showProblem(() => this.t(key, params));
    void this.flow.focus('#pin', this.t(key, params));
  }

  private readonly unlock = async (event: Event) => {
    event.preventDefault();
    if (this.flow.busy) return;
    if (!this.pin) return this.pinProblem('unlock.empty');
    const pin = this.pin;
    this.pin = '';
    const outcome = await this.flow.whileBusy('checking', () => checkPin(pin));
    if (outcome === 'ok') return this.enterArea();
    if (outcome === 'locked') return this.showLock(await pinLockedFor());
    this.pinProblem('unlock.wrong', { left: await pinTriesLeft() });
  };

  private showLock(lockedFor: number): void {
    this.lockedFor = lockedFor;
    this.flow.goTo('locked');
    this.startLockRefresh();
  }

  private startLockRefresh(): void {
    this.stopLockRefresh();
    this.lockRefresh = setInterval(() => void this.readLock(false), LOCK_REFRESH_MS);
  }

  /** Reads the lock again: the PIN screen once it is over, else the time left (said, when asked). */
  private async readLock(asked: boolean): Promise<void> {
    const lockedFor = await pinLockedFor();
    if (this.flow.step !== 'locked') return;
    if (lockedFor === 0) {
      this.stopLockRefresh();
      this.flow.goTo('unlock');
      return;
    }
    this.lockedFor = lockedFor;
    if (asked) {
      await this.updateComplete;
      this.flow.announce(this.lockText());
    }
  }

  private stopLockRefresh(): void {
    clearInterval(this.lockRefresh);
    this.lockRefresh = undefined;
  }

  private lockText(): string {
    const language = this.i18n.language;
    let format = relativeTimes.get(language);
    if (!format) {
      format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'always' });
      relativeTimes.set(language, format);
    }
    // Whole minutes, rounded up: "in 1 minute" until the lock is over, never "in 0 minutes".
    return this.t('locked.text', { when: format.format(Math.ceil(this.lockedFor / 60_000), 'minute') });
  }

  private readonly choosePin = (event: Event) => {
    event.preventDefault();
    const pin = this.pin;
    if (!isPinFormat(pin)) return this.pinProblem('choose.format');
    if (isGuessablePin(pin)) return this.pinProblem('choose.guessable');
    this.chosenPin = pin;
    this.pin = '';
    this.flow.goTo('confirm');
  };

  private readonly confirmPin = async (event: Event) => {
    event.preventDefault();
    if (this.flow.busy) return;
    const pin = this.pin;
    this.pin = '';
    if (pin !== this.chosenPin) {
      this.chosenPin = '';
      this.flow.goTo('choose');
      this.flow.showProblem(() => this.t('confirm.mismatch'));
      return;
    }
    await this.flow.whileBusy('saving', () => setPin(pin));
    this.chosenPin = '';
    this.changingPin = false;
    this.arrivalNote = 'confirm.saved';
    this.enterArea();
  };

  private readonly changePin = () => {
    this.changingPin = true;
    this.pin = '';
    this.flow.goTo('choose');
  };

  private readonly backFromConfirm = () => {
    this.chosenPin = '';
    this.pin = '';
    this.flow.goTo('choose');
  };

  private readonly backToArea = () => {
    this.changingPin = false;
    this.pin = '';
    this.enterArea();
  };

  private enterArea(): void {
    this.resetForm();
    this.flow.goTo('area');
    void this.refreshHealth();
  }

  // The area: settings and health.

  private readonly refreshHealth = async () => {
    this.health = await readHealth(this.updates);
  };

  private edit<Field extends keyof SettingsDraft>(field: Field, value: SettingsDraft[Field]): void {
    this.draft = { ...this.draft, [field]: value };
    this.savedNotice = false;
  }

  private readonly save = async (event: Event) => {
    event.preventDefault();
    if (this.flow.busy) return;
    this.savedNotice = false;
    const problems = settingsProblems(this.draft);
    this.fieldProblems = problems;
    const wrong = CHECKED_FIELDS.filter((field) => problems[field]);
    if (wrong.length) {
      this.flow.showProblem(() =>
        this.t('settings.check', { fields: wrong.map((field) => this.fieldLabel(field)).join(', ') }),
      );
      void this.flow.focus(`#${wrong[0]}`);
      return;
    }
    const settings = settingsFrom(this.draft, this.saved);
    try {
      await this.flow.whileBusy('saving', () => saveSettings(settings));
    } catch {
      this.flow.showProblem(() => this.t('settings.notSaved'));
      return;
    }
    this.saved = settings;
    this.resetForm();
    this.savedNotice = true;
    this.flow.showProblem(undefined);
    await this.updateComplete;
    this.flow.announce(this.t('settings.saved'));
  };

  private fieldLabel(field: CheckedField): string {
    const labels: Record<CheckedField, AdminMessageKey> = {
      name: 'settings.name',
      location: 'settings.location',
      newKey: this.saved.kioskKey ? 'settings.keyNew' : 'settings.key',
      idleSeconds: 'settings.idle',
    };
    return this.t(labels[field]);
  }

  // Rendering.

  protected override render() {
    if (!this.ready) return html`${this.flow.renderStatus()}`;
    return html`<div class="step" part="screen">${this.screen()}</div>
      ${this.flow.renderStatus()}`;
  }

  private screen() {
    switch (this.flow.step) {
      case 'unlock':
        return this.pinScreen({
          heading: this.t('unlock.heading'),
          intro: this.t('unlock.intro'),
          submit: this.flow.busy === 'checking' ? this.t('unlock.checking') : this.t('unlock.submit'),
          onSubmit: this.unlock,
          other: html`<button type="button" class="secondary" @click=${this.close}>
            ${this.t('close')}
          </button>`,
        });
      case 'locked':
        return html`${this.flow.heading(this.t('locked.heading'))}
          <p class="lock">${this.lockText()}</p>
          <div class="actions">
            <button type="button" class="primary" @click=${() => void this.readLock(true)}>
              ${this.t('locked.retry')}
            </button>
            <button type="button" class="secondary" @click=${this.close}>${this.t('close')}</button>
          </div>`;
      case 'choose':
        return this.pinScreen({
          heading: this.t(this.changingPin ? 'choose.headingChange' : 'choose.heading'),
          intro: this.t('choose.intro'),
          submit: this.t('choose.submit'),
          onSubmit: this.choosePin,
          other: this.changingPin
            ? html`<button type="button" class="secondary" @click=${this.backToArea}>
                ${this.t('back')}
              </button>`
            : html`<button type="button" class="secondary" @click=${this.close}>${this.t('close')}</button>`,
        });
      case 'confirm':
        return this.pinScreen({
          heading: this.t('confirm.heading'),
          intro: this.t('confirm.intro'),
          submit: this.flow.busy === 'saving' ? this.t('confirm.saving') : this.t('confirm.submit'),
          onSubmit: this.confirmPin,
          other: html`<button type="button" class="secondary" @click=${this.backFromConfirm}>
            ${this.t('back')}
          </button>`,
        });
      case 'area':
        return html`${this.flow.heading(this.t('area.heading'))} ${this.settingsForm()}
          ${this.healthSection()}
          <div class="actions">
            <button type="button" class="secondary" @click=${this.changePin}>
              ${this.t('area.changePin')}
            </button>
            <button type="button" class="secondary" @click=${this.close}>${this.t('close')}</button>
          </div>`;
    }
  }

  private pinScreen(screen: {
    heading: string;
    intro: string;
    submit: string;
    onSubmit: (event: Event) => void;
    other: unknown;
  }) {
    const problem = this.flow.problem;
    return html`${this.flow.heading(screen.heading)}
      <p>${screen.intro}</p>
      <form class="pin-form" novalidate @submit=${screen.onSubmit}>
        <div class="field">
          <label for="pin">${this.t('pin.label')}</label>
          <!-- inputmode none: the keypad below types the PIN, so no system keyboard covers it. -->
          <input
            id="pin"
            type="password"
            inputmode="none"
            autocomplete="off"
            maxlength="8"
            aria-describedby=${problem ? 'pin-hint pin-problem' : 'pin-hint'}
            aria-invalid=${problem ? 'true' : 'false'}
            .value=${live(this.pin)}
            @input=${this.typePin}
          />
          <p id="pin-hint" class="hint">${this.t('pin.hint')}</p>
          ${problem ? html`<p id="pin-problem" class="problem" role="alert">${problem}</p>` : nothing}
        </div>
        <div class="keypad" role="group" aria-label=${this.t('pin.digits')} part="keypad">
          ${PIN_DIGITS.map(
            (digit) =>
              html`<button type="button" class="key" @click=${() => this.pressDigit(digit)}>
                ${digit}
              </button>`,
          )}
          <button type="button" class="key zero" @click=${() => this.pressDigit('0')}>0</button>
          <button type="button" class="key" aria-label=${this.t('pin.delete')} @click=${this.deleteDigit}>
            <span aria-hidden="true">⌫</span>
          </button>
        </div>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
            ${screen.submit}
          </button>
          ${screen.other}
        </div>
      </form>`;
  }

  private textField(field: 'name' | 'location', label: AdminMessageKey, hint: AdminMessageKey) {
    const problem = this.fieldProblems[field];
    return html`<div class="field">
      <label for=${field}>${this.t(label)}</label>
      <input
        id=${field}
        type="text"
        autocomplete="off"
        aria-describedby=${problem ? `${field}-hint ${field}-error` : `${field}-hint`}
        aria-invalid=${problem ? 'true' : 'false'}
        .value=${live(this.draft[field])}
        @input=${(event: Event) => this.edit(field, (event.target as HTMLInputElement).value)}
      />
      <p id="${field}-hint" class="hint">${this.t(hint)}</p>
      ${this.fieldError(field)}
    </div>`;
  }

  private fieldError(field: CheckedField) {
    const problem = this.fieldProblems[field];
    return problem
      ? html`<p id="${field}-error" class="error">${this.t(problem.key, problem.params)}</p>`
      : nothing;
  }

  private settingsForm() {
    const keySet = Boolean(this.saved.kioskKey);
    const keyProblem = this.fieldProblems.newKey;
    const idleProblem = this.fieldProblems.idleSeconds;
    const draft = this.draft;
    const checkbox = (field: 'printer' | 'physicalKeyboard' | 'removeKey', label: AdminMessageKey) =>
      html`<label class="choice">
        <input
          type="checkbox"
          .checked=${live(draft[field])}
          @change=${(event: Event) => this.edit(field, (event.target as HTMLInputElement).checked)}
        />
        <span>${this.t(label)}</span>
      </label>`;
    const language = (value: Language, label: string) =>
      html`<label class="choice">
        <input
          type="radio"
          name="language"
          .checked=${live(draft.defaultLanguage === value)}
          @change=${() => this.edit('defaultLanguage', value)}
        />
        <span lang=${value}>${label}</span>
      </label>`;
    return html`<form class="settings" novalidate @submit=${this.save} part="settings">
      ${this.textField('name', 'settings.name', 'settings.nameHint')}
      ${this.textField('location', 'settings.location', 'settings.locationHint')}
      <div class="field">
        <label for="newKey">${this.t(keySet ? 'settings.keyNew' : 'settings.key')}</label>
        <p id="key-state" class="key-state">${this.t(keySet ? 'settings.keySet' : 'settings.keyNotSet')}</p>
        <input
          id="newKey"
          type="password"
          autocomplete="off"
          spellcheck="false"
          aria-describedby=${['key-state', 'newKey-hint', keyProblem ? 'newKey-error' : ''].join(' ').trim()}
          aria-invalid=${keyProblem ? 'true' : 'false'}
          .value=${live(draft.newKey)}
          @input=${(event: Event) => this.edit('newKey', (event.target as HTMLInputElement).value)}
        />
        <p id="newKey-hint" class="hint">
          ${this.t('settings.keyHint')} ${keySet ? this.t('settings.keyKeep') : nothing}
        </p>
        ${this.fieldError('newKey')} ${keySet ? checkbox('removeKey', 'settings.keyRemove') : nothing}
      </div>
      <div class="field">
        <label for="idleSeconds">${this.t('settings.idle')}</label>
        <input
          id="idleSeconds"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          aria-describedby=${idleProblem ? 'idleSeconds-hint idleSeconds-error' : 'idleSeconds-hint'}
          aria-invalid=${idleProblem ? 'true' : 'false'}
          .value=${live(draft.idleSeconds)}
          @input=${(event: Event) => this.edit('idleSeconds', (event.target as HTMLInputElement).value)}
        />
        <p id="idleSeconds-hint" class="hint">${this.t('settings.idleHint')}</p>
        ${this.fieldError('idleSeconds')}
      </div>
      <fieldset>
        <legend>${this.t('settings.language')}</legend>
        ${language('it', 'Italiano')} ${language('en', 'English')}
      </fieldset>
      ${checkbox('printer', 'settings.printer')} ${checkbox('physicalKeyboard', 'settings.keyboard')}
      ${this.flow.renderProblem()}
      ${this.savedNotice ? html`<p class="saved">${this.t('settings.saved')}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" aria-disabled=${this.flow.busy ? 'true' : 'false'}>
          ${this.flow.busy === 'saving' ? this.t('settings.saving') : this.t('settings.save')}
        </button>
      </div>
    </form>`;
  }

  private healthSection() {
    const health = this.health;
    const language = this.i18n.language;
    const when = (iso: string) => formatDateTime(iso, language, 'medium');
    return html`<section class="health" aria-labelledby="health-heading" part="health">
      ${this.flow.subheading(this.t('health.heading'), 'health-heading')}
      ${
        health
          ? html`<dl>
                <dt>${this.t('health.version')}</dt>
                <dd>${health.version}</dd>
                <dt>${this.t('health.serviceWorker')}</dt>
                <dd>${this.t(health.serviceWorker ? `sw.${health.serviceWorker}` : 'sw.unavailable')}</dd>
                <dt>${this.t('health.contact')}</dt>
                <dd>
                  ${health.heartbeat.lastContactAt ? when(health.heartbeat.lastContactAt) : this.t('health.never')}
                </dd>
                <dt>${this.t('health.lastTry')}</dt>
                <dd>${this.lastTry(health, when)}</dd>
                <dt>${this.t('health.storage')}</dt>
                <dd>
                  ${
                    health.storageUsedBytes === undefined
                      ? this.t('health.unknown')
                      : this.bytes(health.storageUsedBytes)
                  }
                </dd>
              </dl>
              <p class="wipes-heading" role="heading" aria-level=${this.flow.subheadingLevel + 1}>
                ${this.t('health.wipes')}
              </p>
              ${
                health.wipes.length
                  ? html`<ol class="wipes">
                      ${health.wipes.map(
                        (wipe) =>
                          html`<li class=${wipe.passed ? 'passed' : 'failed'}>
                            ${
                              wipe.passed
                                ? this.t('health.wipePassed', { when: when(wipe.at) })
                                : this.t('health.wipeFailed', {
                                    when: when(wipe.at),
                                    left: wipe.failed.join(', '),
                                  })
                            }
                          </li>`,
                      )}
                    </ol>`
                  : html`<p>${this.t('health.wipesNone')}</p>`
              }`
          : nothing
      }
      <div class="actions">
        <button type="button" class="secondary" @click=${this.refreshHealth}>
          ${this.t('health.refresh')}
        </button>
      </div>
    </section>`;
  }

  private lastTry(health: KioskHealth, when: (iso: string) => string): string {
    const { lastStatus, lastAttemptAt } = health.heartbeat;
    if (lastStatus === undefined || !lastAttemptAt) return this.t('health.noTry');
    const at = when(lastAttemptAt);
    if (lastStatus === 'offline') return this.t('health.offline', { when: at });
    if (lastStatus < 400) return this.t('health.ok', { when: at });
    if (lastStatus === 401 || lastStatus === 403)
      return this.t('health.refused', { when: at, status: lastStatus });
    return this.t('health.failed', { when: at, status: lastStatus });
  }

  /** Bytes in the unit that reads best: "850 kB", "12.3 MB", "1.2 GB". */
  private bytes(count: number): string {
    const [unit, size] =
      count >= 1e9
        ? ['gigabyte', count / 1e9]
        : count >= 1e6
          ? ['megabyte', count / 1e6]
          : ['kilobyte', count / 1e3];
    const key = `${this.i18n.locale}:${unit}`;
    let format = byteSizes.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.i18n.locale, { style: 'unit', unit, maximumFractionDigits: 1 });
      byteSizes.set(key, format);
    }
    return format.format(size);
  }
}

declare global {
  interface HTMLElementEventMap {
    'kiosk-admin-close': CustomEvent<KioskAdminCloseDetail>;
  }
}
