// Which font draws each character. Titillium Web (the Italian public administration's typeface)
// comes first; what it lacks comes from Noto Sans (Latin, Cyrillic, Greek, Vietnamese) or IBM Plex
// Sans Arabic. The files are @fontsource's: one per family, Unicode subset and weight, so a name
// like "Občina" takes two Titillium files (latin for "Ob", latin-ext for "č"). Only the files a
// document's characters need are loaded.
//
// WOFF, not WOFF2: @pdf-lib/fontkit subsets a WOFF2 font into blank glyphs (its WOFF2 reader
// decodes the transformed glyf table for drawing, but the subsetter copies the raw one).
// Noto Sans Arabic is not used: it builds many letters from a dotless base and a dot placed by
// mark positioning (GPOS), which pdf-lib does not apply, so dots would land beside their letters;
// IBM Plex Sans Arabic has every contextual form as one whole glyph.
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { loadFontFile } from '#pdf-font-files';

export type FontWeight = 400 | 700;

/** The subsets of each family that are embedded, with their Unicode ranges (from @fontsource's `unicode.json`). */
export const FONT_FAMILIES = {
  'titillium-web': {
    latin:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
    'latin-ext':
      'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  },
  'noto-sans': {
    latin:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
    'latin-ext':
      'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
    vietnamese:
      'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
    cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
    'cyrillic-ext': 'U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F',
    greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
    'greek-ext': 'U+1F00-1FFF',
  },
  'ibm-plex-sans-arabic': {
    arabic:
      'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC,U+102E0-102FB,U+10E60-10E7E,U+10EC2-10EC4,U+10EFC-10EFF,U+1EE00-1EE03,U+1EE05-1EE1F,U+1EE21-1EE22,U+1EE24,U+1EE27,U+1EE29-1EE32,U+1EE34-1EE37,U+1EE39,U+1EE3B,U+1EE42,U+1EE47,U+1EE49,U+1EE4B,U+1EE4D-1EE4F,U+1EE51-1EE52,U+1EE54,U+1EE57,U+1EE59,U+1EE5B,U+1EE5D,U+1EE5F,U+1EE61-1EE62,U+1EE64,U+1EE67-1EE6A,U+1EE6C-1EE72,U+1EE74-1EE77,U+1EE79-1EE7C,U+1EE7E,U+1EE80-1EE89,U+1EE8B-1EE9B,U+1EEA1-1EEA3,U+1EEA5-1EEA9,U+1EEAB-1EEBB,U+1EEF0-1EEF1',
  },
} as const;

type Families = typeof FONT_FAMILIES;
export type FontFamilyName = keyof Families;
type FileOf<F extends FontFamilyName> = `${F}-${keyof Families[F] & string}-${FontWeight}-normal`;

/** The name of one @fontsource file, `titillium-web-latin-400-normal` (its `.woff` is in `files/`). */
export type FontFileName = { [F in FontFamilyName]: FileOf<F> }[FontFamilyName];

/** A font file and what it may cover, in the order fonts are tried. */
interface Candidate {
  family: FontFamilyName;
  file: FontFileName;
  ranges: [number, number][];
}

function parseRanges(unicodeRange: string): [number, number][] {
  return unicodeRange.split(',').map((part) => {
    const [from, to] = part.replace('U+', '').split('-') as [string, string?];
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

function candidates(weight: FontWeight): Candidate[] {
  return Object.entries(FONT_FAMILIES).flatMap(([family, subsets]) =>
    Object.entries(subsets).map(([subset, range]) => ({
      family: family as FontFamilyName,
      file: `${family}-${subset}-${weight}-normal` as FontFileName,
      ranges: parseRanges(range),
    })),
  );
}

const CANDIDATES: Record<FontWeight, Candidate[]> = { 400: candidates(400), 700: candidates(700) };

/** A font file ready to draw with (pdf-lib embeds its bytes). */
export interface LoadedFont {
  bytes: Uint8Array;
  /** Scales a size so that this font's capitals stand as tall as Titillium's at that size. */
  sizeScale: number;
  hasGlyph(codePoint: number): boolean;
}

const TITILLIUM_CAP_HEIGHT = 692 / 1000;
const REPLACEMENT = 0xfffd;
const SPACE = ' ';

// Reading a WOFF file means inflating its tables, the largest cost of a receipt: each file is read
// once per process (or page), and pdf-lib is handed the same reading (see `sharedFontkit`).
const loadedFiles = new Map<FontFileName, Promise<LoadedFont>>();
const fontsByBytes = new WeakMap<Uint8Array, Font>();

function loadFile(family: FontFamilyName, file: FontFileName): Promise<LoadedFont> {
  let loading = loadedFiles.get(file);
  if (!loading) {
    loading = loadFontFile(family, file).then((bytes) => {
      const font = fontkit.create(bytes);
      fontsByBytes.set(bytes, font);
      return {
        bytes,
        sizeScale: TITILLIUM_CAP_HEIGHT / (font.capHeight / font.unitsPerEm),
        hasGlyph: (codePoint: number) => font.hasGlyphForCodePoint(codePoint),
      };
    });
    // A file that failed to load is tried again next time.
    loading.catch(() => loadedFiles.delete(file));
    loadedFiles.set(file, loading);
  }
  return loading;
}

/** fontkit for pdf-lib's `registerFontkit`, reusing the reading of a font file loaded here. */
export const sharedFontkit = {
  create: (bytes: Uint8Array, postscriptName?: string): Font =>
    fontsByBytes.get(bytes) ?? fontkit.create(bytes, postscriptName),
};

/** A stretch of text drawn with one font. */
export interface TextRun {
  text: string;
  font: LoadedFont;
}

/**
 * The fonts of one document: loads the files its text needs (`prepare`), then splits each text
 * into runs of one font (`runs`), synchronously, for measuring and drawing.
 */
export class FontBook {
  private readonly choices = new Map<string, LoadedFont | undefined>();

  /** Loads every font file that `texts`, drawn at `weight`, need. */
  async prepare(texts: readonly string[], weight: FontWeight): Promise<void> {
    const characters = new Set<string>();
    for (const text of texts) for (const char of normalise(text)) characters.add(char);
    characters.add(SPACE);
    for (const char of characters) {
      if (await this.choose(char, weight)) continue;
      // None has it: its compatibility form (a narrow no-break space is a space), else U+FFFD.
      for (const fallback of [...char.normalize('NFKC')]) await this.choose(fallback, weight);
      await this.choose(String.fromCodePoint(REPLACEMENT), weight);
    }
  }

  /** The runs of one font that draw `text` at `weight`; `prepare` must have seen the text. */
  runs(text: string, weight: FontWeight): TextRun[] {
    const chars = [...normalise(text)].flatMap((char) => this.drawable(char, weight));
    const fonts = chars.map((char) => (char === SPACE ? undefined : this.chosen(char, weight)));
    // A space between two characters of one font belongs to it, so that a right-to-left name of
    // several words is one run (fontkit reverses a run as a whole); any other space is Titillium's.
    const spaceFont = this.chosen(SPACE, weight)!;
    fonts.forEach((font, index) => {
      if (font) return;
      const before = fonts.slice(0, index).findLast(Boolean);
      const after = fonts.slice(index + 1).find(Boolean);
      fonts[index] = before && before === after && before.hasGlyph(32) ? before : spaceFont;
    });
    const runs: TextRun[] = [];
    chars.forEach((char, index) => {
      const font = fonts[index]!;
      const last = runs.at(-1);
      if (last?.font === font) last.text += char;
      else runs.push({ text: char, font });
    });
    return runs;
  }

  /** The fonts chosen for some character. */
  get fonts(): LoadedFont[] {
    return [...new Set(this.choices.values())].filter((font) => font !== undefined);
  }

  /** `char`, or what stands for it when no font has it (see `prepare`). */
  private drawable(char: string, weight: FontWeight): string[] {
    if (this.chosen(char, weight)) return [char];
    const compatible = [...char.normalize('NFKC')];
    if (compatible.every((part) => this.chosen(part, weight))) return compatible;
    return this.chosen(String.fromCodePoint(REPLACEMENT), weight) ? [String.fromCodePoint(REPLACEMENT)] : [];
  }

  private chosen(char: string, weight: FontWeight): LoadedFont | undefined {
    return this.choices.get(`${weight}:${char}`);
  }

  /** The first font, in order of preference, whose file covers `char` and has a glyph for it. */
  private async choose(char: string, weight: FontWeight): Promise<LoadedFont | undefined> {
    const key = `${weight}:${char}`;
    if (this.choices.has(key)) return this.choices.get(key);
    const codePoint = char.codePointAt(0)!;
    let choice: LoadedFont | undefined;
    for (const candidate of CANDIDATES[weight]) {
      if (!candidate.ranges.some(([from, to]) => codePoint >= from && codePoint <= to)) continue;
      const font = await loadFile(candidate.family, candidate.file);
      if (font.hasGlyph(codePoint)) {
        choice = font;
        break;
      }
    }
    this.choices.set(key, choice);
    return choice;
  }
}

/** Composed characters ("č" as one code point, as fonts map them); control characters as spaces. */
function normalise(text: string): string {
  return text.normalize('NFC').replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');
}
