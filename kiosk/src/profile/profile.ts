// The accessibility profile: one set of choices applied to the whole page, so that the shell and
// every element inside follow it (their text is in rem, their colours come from the theme tokens),
// and put back to the kiosk's defaults at the end of every session.
import type { Language } from '../device.js';

export const TEXT_SIZES = ['normal', 'large', 'largest'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/**
 * The root font size of each text size, in CSS px: the elements' body text is 1rem.
 *
 * The largest meets EN 301 549 5.1.4 (pinch-zoom is off at a kiosk): a capital H must subtend
 * 0.7 degrees at the viewing distance. At 50 cm that is 2 × 500 mm × tan(0.35°) = 6.1 mm; the norm
 * rounds it to about 6 mm. A 24-inch 1080p screen is 531 mm wide for 1920 px: 0.2767 mm a pixel,
 * so 6 mm is 6 / 0.2767 = 21.7 CSS px of cap height. Titillium Web's capital H is 692 units of its
 * 1000-unit em (0.692 em, read from the font file), so the text needs 21.7 / 0.692 = 31.3 px:
 * 32 px, whose H is 22.1 px (6.1 mm). profile.test.ts measures the rendered H.
 */
export const ROOT_FONT_PX: Record<TextSize, number> = { normal: 20, large: 25, largest: 32 };

export interface Profile {
  textSize: TextSize;
  highContrast: boolean;
  /** Voice guidance: the kiosk reads the screen aloud (see speech/read-aloud.ts). */
  readAloud: boolean;
  /** Longer before the idle warning, and a longer warning (see session/session.ts). */
  moreTime: boolean;
  language: Language;
}

/** The profile every session starts with: nothing chosen, in the kiosk's default language. */
export function defaultProfile(language: Language): Profile {
  return { textSize: 'normal', highContrast: false, readAloud: false, moreTime: false, language };
}

/**
 * Puts the profile on `<html>`: the language (`lang`, which every element follows), the theme
 * (core's `data-sportello-theme` presets) and the root font size (set through the CSSOM: the
 * kiosk's policy allows no inline style in markup).
 */
export function applyProfile(profile: Profile, root: HTMLElement = document.documentElement): void {
  root.lang = profile.language;
  if (profile.highContrast) root.setAttribute('data-sportello-theme', 'high-contrast');
  else root.removeAttribute('data-sportello-theme');
  root.style.setProperty('font-size', `${ROOT_FONT_PX[profile.textSize]}px`);
  root.dataset.kioskText = profile.textSize;
}
