// The settings form's contents and their checks, apart from the element that shows them: what the
// staff typed (text, as typed) and how it becomes KioskSettings.
import type { KioskSettings, Language } from '../device.js';
import type { AdminMessageKey } from './messages.js';

export const SETTINGS_LIMITS = {
  // As the gateway keeps them (the contract's Kiosk and KioskKey).
  nameMax: 80,
  locationMax: 160,
  keyMin: 8,
  keyMax: 128,
  idleMin: 30,
  idleMax: 600,
} as const;

/** The form as typed. The saved key is never shown again: `newKey` is a replacement, '' keeps it. */
export interface SettingsDraft {
  name: string;
  location: string;
  newKey: string;
  removeKey: boolean;
  idleSeconds: string;
  defaultLanguage: Language;
  printer: boolean;
  physicalKeyboard: boolean;
}

/** The fields that can be wrong, in the order the form shows them. */
export const CHECKED_FIELDS = ['name', 'location', 'newKey', 'idleSeconds'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

/** A problem with a field: a message of the admin catalogue and its parameters. */
export interface FieldProblem {
  key: AdminMessageKey;
  params?: Record<string, number>;
}

export function draftOf(settings: KioskSettings): SettingsDraft {
  return {
    name: settings.name,
    location: settings.location,
    newKey: '',
    removeKey: false,
    idleSeconds: String(settings.idleSeconds),
    defaultLanguage: settings.defaultLanguage,
    printer: settings.printer,
    physicalKeyboard: settings.physicalKeyboard,
  };
}

/** What is wrong with the draft, field by field; empty when it can be saved. */
export function settingsProblems(draft: SettingsDraft): Partial<Record<CheckedField, FieldProblem>> {
  const { nameMax, locationMax, keyMin, keyMax, idleMin, idleMax } = SETTINGS_LIMITS;
  const problems: Partial<Record<CheckedField, FieldProblem>> = {};
  const name = draft.name.trim();
  if (!name) problems.name = { key: 'error.nameMissing' };
  else if (name.length > nameMax) problems.name = { key: 'error.nameLong', params: { max: nameMax } };
  const location = draft.location.trim();
  if (!location) problems.location = { key: 'error.locationMissing' };
  else if (location.length > locationMax) {
    problems.location = { key: 'error.locationLong', params: { max: locationMax } };
  }
  // As `sportello-gateway kiosk-key add` prints them: letters, digits, - and _ (URL-safe base64).
  if (draft.newKey && !new RegExp(`^[A-Za-z0-9_-]{${keyMin},${keyMax}}$`).test(draft.newKey)) {
    problems.newKey = { key: 'error.keyForm', params: { min: keyMin, max: keyMax } };
  }
  const idle = draft.idleSeconds.trim();
  if (!/^\d+$/.test(idle) || Number(idle) < idleMin || Number(idle) > idleMax) {
    problems.idleSeconds = { key: 'error.idle', params: { min: idleMin, max: idleMax } };
  }
  return problems;
}

/** The settings a checked draft gives, keeping the saved key unless it was replaced or removed. */
export function settingsFrom(draft: SettingsDraft, saved: KioskSettings): KioskSettings {
  return {
    name: draft.name.trim(),
    location: draft.location.trim(),
    kioskKey: draft.newKey || (draft.removeKey ? '' : saved.kioskKey),
    idleSeconds: Number(draft.idleSeconds.trim()),
    defaultLanguage: draft.defaultLanguage,
    printer: draft.printer,
    physicalKeyboard: draft.physicalKeyboard,
  };
}
