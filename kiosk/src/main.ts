// The kiosk's entry: built to dist/kiosk/kiosk.js (see rollup.config.mjs). Placeholder until the
// shell lands.
export {};
