// Browser unit tests: every packages/*/src/**/*.test.ts and kiosk/src/**/*.test.ts, from TypeScript
// source, in Debian's Chromium (headless), with coverage. Node-only tests are named *.node.test.ts and run by node.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';
import { serveBytesImports } from './scripts/import-bytes.mjs';
import { testApi } from './scripts/test-api.mjs';

// qrcode and jsqr (which the tests draw and read QR codes with) and pako (which pdf-lib compresses
// with) ship CommonJS only, and pdf-lib's metrics of the standard PDF fonts are ES modules importing
// JSON: each is bundled once to ESM with esbuild and served in place of its file.
const COMMONJS_ENTRIES = ['qrcode/lib/core/qrcode.js', 'jsqr/dist/jsQR.js', 'pako/index.js'];
const JSON_IMPORTING_ENTRIES = ['@pdf-lib/standard-fonts/es/index.js'];

function commonjsToEsm() {
  const converted = new Map();
  return {
    name: 'commonjs-to-esm',
    async serve(context) {
      const entry = [...COMMONJS_ENTRIES, ...JSON_IMPORTING_ENTRIES].find((name) =>
        context.path.endsWith(`/node_modules/${name}`),
      );
      if (!entry) return undefined;
      if (!converted.has(entry)) {
        const contents = COMMONJS_ENTRIES.includes(entry)
          ? `export { default } from '${entry}';`
          : `export * from '${entry}';`;
        const result = await build({
          stdin: { contents, resolveDir: process.cwd() },
          bundle: true,
          format: 'esm',
          write: false,
        });
        converted.set(entry, result.outputFiles[0].text);
      }
      return { body: converted.get(entry), type: 'js' };
    },
  };
}

export default {
  files: ['packages/*/src/**/*.test.ts', 'kiosk/src/**/*.test.ts', '!**/*.node.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['source', 'development'] },
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } })],
  // One test file at a time: headless Chromium gives no animation frames to the tabs it is not
  // showing, so a second tab's fixture() (which waits for a frame) would hang. Tried: separate
  // browser contexts and the no-backgrounding flags; neither helped.
  concurrency: 1,
  coverage: true,
  coverageConfig: {
    include: ['packages/*/src/**/*.ts', 'kiosk/src/**/*.ts'],
    exclude: ['**/*.test.ts', '**/node_modules/**'],
  },
  testFramework: { config: { timeout: 10000 } },
  // A failure whose values are DOM nodes must still be reported: see the file loaded first.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body>` +
    `<script type="module" src="/test/support/cloneable-failures.ts"></script>` +
    `<script type="module" src="${testFramework}"></script></body></html>`,
  middleware: [testApi()],
  plugins: [
    commonjsToEsm(),
    // The fonts of the sandbox's PDF receipts are imported as bytes: see scripts/import-bytes.mjs.
    serveBytesImports(),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'auto' }),
  ],
};
