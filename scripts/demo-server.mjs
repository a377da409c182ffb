// Serves the demo site, the docs page, the CDN bundle and the element manifests on one port, under
// the strict Content Security Policy a municipal site may have (no inline scripts or styles), so
// every demo and end-to-end test proves the widgets work there. The gateway issue replaces this
// static server with the reference gateway, which serves the same paths plus the API.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** Packages that have a custom-elements.json, for the docs page. */
function manifestIndex(root) {
  const packagesDir = join(root, 'packages');
  return readdirSync(packagesDir).filter((name) =>
    existsSync(join(packagesDir, name, 'custom-elements.json')),
  );
}

/** Maps a URL path to a file, or undefined; never leaves the mounted folder. */
function fileFor(root, mounts, pathname) {
  const manifest = /^\/manifests\/([\w-]+)\.json$/.exec(pathname);
  if (manifest) return join(root, 'packages', manifest[1], 'custom-elements.json');
  const prefix = Object.keys(mounts)
    .sort((a, b) => b.length - a.length)
    .find((candidate) => pathname.startsWith(candidate));
  if (prefix === undefined) return undefined;
  const base = resolve(root, mounts[prefix]);
  let file = resolve(base, '.' + decodeURIComponent(pathname.slice(prefix.length - 1)));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return file;
}

/**
 * Starts the server. `mounts` maps URL prefixes (ending in /) to folders relative to `root`;
 * port 0 picks a free port; `csp: false` drops the policy (the bench, which measures peers that
 * were not written for one). Resolves to `{ url, close() }`.
 */
export function startDemoServer({
  root = process.cwd(),
  port = 0,
  host = '127.0.0.1',
  mounts = {},
  csp = true,
} = {}) {
  const allMounts = { '/': 'demo', '/docs/': 'demo/docs', '/dist/': 'dist', ...mounts };
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const headers = {
      ...(csp ? { 'Content-Security-Policy': STRICT_CSP } : {}),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (pathname === '/manifests/index.json') {
      response
        .writeHead(200, { ...headers, 'Content-Type': TYPES['.json'] })
        .end(JSON.stringify(manifestIndex(root)));
      return;
    }
    const file = fileFor(root, allMounts, pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
