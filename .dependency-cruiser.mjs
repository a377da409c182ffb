// The layering of Sportello, checked by dependency-cruiser in `npm run lint` (`npm run lint:imports`).
// Each line reads "may import":
//
//   payment, booking, kiosk (certificate,      core; another element package's published entries
//   tutorials)
//   sportello (the CDN entry)                  core, the element packages, sandbox
//   sandbox                                    core, demo-data
//   gateway                                    core's DOM-free entries (`@sportello/core/node`,
//                                              `/contract`, `/validators`, `/certificates`),
//                                              demo-data
//
// Core imports no other package; nothing that runs in a page imports the gateway; the gateway
// loads neither the sandbox nor Lit (page code it has no use for). One package uses another only
// through a published entry: one in its `exports`, imported by package name
// (`@sportello/payment/payment`), never by a path into its files.
//
// Paths are resolved as the code resolves them: TypeScript's `.js` suffixes through tsconfig.json,
// workspace packages through their `exports` with the `source` condition (their TypeScript).
// `scripts/import-rules.node.test.mjs` plants one forbidden import of each kind and checks it is caught.

/** Packages of elements: they use core, and another one's published entries. */
const ELEMENT_PACKAGES = ['payment', 'booking', 'certificate', 'tutorials', 'kiosk'];
/** Code that runs in a browser page. */
const BROWSER_CODE = `^(packages/(core|demo-data|sandbox|sportello|${ELEMENT_PACKAGES.join('|')})/|kiosk/|demo/)`;
/** The gateway's own code; its tests may start a sandbox beside it to compare the two. */
const GATEWAY_CODE = { path: '^packages/gateway/', pathNot: '\\.test\\.ts$' };

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-imports-no-package',
      comment:
        'Core is what every package builds on: it imports none of them (the gateway has its own rule).',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^packages/', pathNot: '^packages/(core|gateway)/' },
    },
    {
      name: 'package-internals',
      comment:
        'A package uses another only through its package name and published entries (`@sportello/payment/payment`), not a path into its files.',
      severity: 'error',
      from: { path: '^packages/([^/]+)/' },
      to: { path: '^packages/', pathNot: '^packages/$1/', dependencyTypes: ['local'] },
    },
    {
      name: 'unpublished-or-missing-module',
      comment:
        'An import that does not resolve: a file that is not there, or a path into a package its `exports` do not publish.',
      severity: 'error',
      from: { path: '^(packages|demo|kiosk|scripts|test)/' },
      // Left to the browser: an absolute path is an address on the server of the page
      // (`/dist/sportello.js`), and a query loads a second instance of a module on purpose. Build
      // output (`dist/`) is not there before `npm run build`, which `npm test` runs after the lint.
      to: { couldNotResolve: true, pathNot: '^/|[?]|(^|/)dist/' },
    },
    {
      name: 'browser-code-imports-gateway',
      comment:
        'Code that runs in a page never imports the gateway: it talks to it over HTTP, through core’s client.',
      severity: 'error',
      from: { path: BROWSER_CODE },
      to: { path: '^packages/gateway/' },
    },
    {
      name: 'gateway-imports-sandbox',
      comment:
        'The gateway seeds from @sportello/demo-data; the sandbox is the in-page implementation, not a library.',
      severity: 'error',
      from: GATEWAY_CODE,
      to: { path: '^packages/sandbox/' },
    },
    {
      name: 'gateway-loads-lit',
      comment:
        'Nothing the gateway loads may reach Lit, however indirectly: import core through @sportello/core/node, /contract, /validators or /certificates.',
      severity: 'error',
      from: GATEWAY_CODE,
      to: { path: '^node_modules/(lit|lit-html|lit-element|@lit)/', reachable: true },
    },
    {
      name: 'dom-free-code-loads-lit',
      comment:
        '@sportello/core/node, /certificates and the demo data are for Node too: they never reach Lit.',
      severity: 'error',
      from: { path: '^packages/(core/src/(node\\.ts$|certificates/)|demo-data/)' },
      to: { path: '^node_modules/(lit|lit-html|lit-element|@lit)/', reachable: true },
    },
  ],
  options: {
    // Lit and the rest of node_modules are reached, not read: their own imports are theirs.
    doNotFollow: { path: '(^|/)node_modules/' },
    // Built output, ours only: a package in node_modules may well keep its code in dist/.
    exclude: { path: '^(dist|coverage|packages/[^/]+/dist)/' },
    // Type-only imports count: a type from another package's files is still a path into them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // Workspace packages by their TypeScript (`source`), as tests and the type-check read them; a
      // subpath import (`#name`) with a Node and a browser file resolves to the one it lists first.
      conditionNames: ['source', 'import', 'node', 'browser', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
};
