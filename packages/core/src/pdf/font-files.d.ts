// A font file imported with `with { type: 'bytes' }` (font-files.browser.ts) is its bytes.
declare module '*.woff' {
  const bytes: Uint8Array;
  export default bytes;
}
