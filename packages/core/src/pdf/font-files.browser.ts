// The font files in a browser (the sandbox's practice receipts): each file is imported as bytes,
// which the build turns into a lazy chunk of its own (scripts/import-bytes.mjs), so a receipt
// downloads only the files its characters need. `#pdf-font-files` in core's package.json picks this
// module everywhere but Node.
import type { FontFamilyName, FontFileName } from './fonts.js';

const FILES: Record<FontFileName, () => Promise<{ default: Uint8Array }>> = {
  'titillium-web-latin-400-normal': () =>
    import('@fontsource/titillium-web/files/titillium-web-latin-400-normal.woff', {
      with: { type: 'bytes' },
    }),
  'titillium-web-latin-700-normal': () =>
    import('@fontsource/titillium-web/files/titillium-web-latin-700-normal.woff', {
      with: { type: 'bytes' },
    }),
  'titillium-web-latin-ext-400-normal': () =>
    import('@fontsource/titillium-web/files/titillium-web-latin-ext-400-normal.woff', {
      with: { type: 'bytes' },
    }),
  'titillium-web-latin-ext-700-normal': () =>
    import('@fontsource/titillium-web/files/titillium-web-latin-ext-700-normal.woff', {
      with: { type: 'bytes' },
    }),
  'noto-sans-latin-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-latin-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-latin-ext-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-latin-ext-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-vietnamese-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-vietnamese-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-vietnamese-700-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-cyrillic-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-cyrillic-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-cyrillic-ext-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-cyrillic-ext-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-cyrillic-ext-700-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-greek-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-greek-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-greek-700-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-greek-ext-400-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-greek-ext-400-normal.woff', { with: { type: 'bytes' } }),
  'noto-sans-greek-ext-700-normal': () =>
    import('@fontsource/noto-sans/files/noto-sans-greek-ext-700-normal.woff', { with: { type: 'bytes' } }),
  'ibm-plex-sans-arabic-arabic-400-normal': () =>
    import('@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-400-normal.woff', {
      with: { type: 'bytes' },
    }),
  'ibm-plex-sans-arabic-arabic-700-normal': () =>
    import('@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-700-normal.woff', {
      with: { type: 'bytes' },
    }),
};

export async function loadFontFile(_family: FontFamilyName, file: FontFileName): Promise<Uint8Array> {
  return (await FILES[file]()).default;
}
