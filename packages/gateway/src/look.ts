// The Comune's look: Bootstrap Italia and the municipality's own few rules, served by the gateway
// itself so that its own pages (the demo sign-in and mailbox, the simulated checkout, the fleet) look like
// the municipality's site even when the gateway serves no site (`SITE_ROOT` unset). The demo site
// links the same files, so there is one copy of each.
// Pages are assembled as a CMS would: a page names the parts it shares with the others in HTML
// comments (`<!-- head -->`, `<!-- header current="/docs/" -->`), and the gateway puts each part's one
// copy there: the look's parts for its own pages, the site's parts folder (and the look's, as
// `look/head`) for the site's pages, read again at every request.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const GATEWAY_SITE = fileURLToPath(new URL('../site/', import.meta.url));
const LOOK = join(GATEWAY_SITE, 'look');

/** The parts every gateway page names: the look's head (icon, fonts, stylesheets) and header. */
const GATEWAY_PAGE_PARTS = ['head', 'header'] as const;
/** The folder of a site's shared parts, beside its pages and never served itself. */
export const SITE_PARTS = 'parts';

/** Bootstrap Italia's `dist/` folder, from the gateway's own dependency. */
function bootstrapItalia(): string {
  return join(dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'dist');
}

/**
 * `/vendor/bootstrap-italia/`: only what the pages use from the installed package (no copy to keep in
 * step): its stylesheet, the Titillium Web and Roboto Mono fonts (declared by /look/comune.css,
 * because Bootstrap Italia's own font loader writes an inline <style>, which the CSP blocks) and the
 * icon sprite. Its JavaScript is not served: the demo's site.js does the little the pages need.
 * `/look/`: the municipality's rules, its coat of arms.
 */
export async function registerLook(app: FastifyInstance): Promise<void> {
  const vendor = bootstrapItalia();
  // Its stylesheet without the video player's icon font, an inline data: font that the CSP's font
  // source blocks (Chromium reports it on every page, whether or not a video is shown).
  const stylesheet = readFileSync(join(vendor, 'css/bootstrap-italia.min.css'), 'utf8')
    .replace(/@font-face\{font-family:VideoJS;[^}]*\}/g, '')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//, '');
  await app.register(async (look) => {
    await look.register(compress, { global: true, encodings: ['br', 'gzip'] });
    look.get('/vendor/bootstrap-italia/css/bootstrap-italia.min.css', (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(stylesheet),
    );
    await look.register(fastifyStatic, {
      root: vendor,
      prefix: '/vendor/bootstrap-italia/',
      decorateReply: false,
      allowedPath: (path) =>
        path === '/svg/sprites.svg' || /^\/fonts\/(Titillium_Web|Roboto_Mono)\/[\w-]+\.woff2$/.test(path),
      // The package's version is in the path of nothing: a day, not for good.
      maxAge: '1d',
    });
    await look.register(fastifyStatic, {
      root: LOOK,
      prefix: '/look/',
      decorateReply: false,
      // Its .html files are the parts, filled into pages, not pages.
      allowedPath: (path) => !path.endsWith('.html'),
      maxAge: '1d',
    });
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * A page's place for a part: a comment of one lowercase name (`look/` before it for the look's own
 * parts on a site's page), with attributes: `<!-- header current="/servizi/pagare-avviso.html" -->`.
 * Any other comment is left as it is.
 */
const MARKER = /<!--\s*([a-z][a-z-]*(?:\/[a-z][a-z-]*)?)((?:\s+[a-z-]+="[^"]*")*)\s*-->/g;
const MARKER_ATTRIBUTE = /\s+([a-z-]+)="([^"]*)"/g;
/** Parts may name parts (a site's head names the look's), not endlessly. */
const NESTING_LIMIT = 4;

/** A page that cannot be assembled: it names a part there is no file for, or a link not in it. */
export class PagePartError extends Error {
  override name = 'PagePartError';
  readonly code = 'PAGE_PART';
}

interface Assembly {
  /** The page's file, for the error's message. */
  source: string;
  /** The page's own address (`/`, `/docs/`, `/privacy.html`), to tell its navigation item. */
  address: string;
  /** The parts by name, their text. */
  parts: ReadonlyMap<string, string>;
}

/**
 * `current="<address>"`: that navigation link (`class="nav-link"`) is marked `active`, the section the
 * page is in, and `aria-current="page"` as well when the page is that address.
 */
function markCurrent(part: string, current: string, { source, address }: Assembly): string {
  let found = false;
  const marked = part.replace(/<a\s[^>]*>/g, (tag) => {
    if (!/\sclass="nav-link"/.test(tag) || !tag.includes(` href="${current}"`)) return tag;
    found = true;
    const active = tag.replace(' class="nav-link"', ' class="nav-link active"');
    return current === address ? `${active.slice(0, -1).trimEnd()} aria-current="page">` : active;
  });
  if (!found) throw new PagePartError(`${source}: current="${current}" is not a navigation link of its part`);
  return marked;
}

/** `text` with each marker replaced by its part, filled the same way. */
function fillParts(text: string, assembly: Assembly, depth = 0): string {
  return text.replace(MARKER, (_marker, name: string, attributes: string, offset: number) => {
    const part = assembly.parts.get(name);
    if (part === undefined)
      throw new PagePartError(`${assembly.source} names the part "${name}", which does not exist`);
    if (depth >= NESTING_LIMIT)
      throw new PagePartError(`${assembly.source}: parts name parts too deeply at "${name}"`);
    let filled = fillParts(part.trim(), assembly, depth + 1);
    for (const [, attribute, value] of attributes.matchAll(MARKER_ATTRIBUTE)) {
      if (attribute !== 'current')
        throw new PagePartError(`${assembly.source}: "${name}" has no ${attribute}=""`);
      filled = markCurrent(filled, value!, assembly);
    }
    // Indented as the marker is, for whoever reads the page's source.
    const indent = /[ \t]*$/.exec(text.slice(0, offset))![0];
    return filled.replaceAll('\n', `\n${indent}`);
  });
}

/**
 * One of the gateway's own pages, read once: its `<!-- head -->` and `<!-- header -->` comments become
 * the shared head (icon, font preloads, stylesheets) and the municipality's header, and
 * `{{municipality}}` the municipality's name from its profile.
 */
export function gatewayPage(path: string, municipalityName: string): Buffer {
  const page = readFileSync(join(GATEWAY_SITE, path), 'utf8');
  for (const name of GATEWAY_PAGE_PARTS) {
    if (!page.includes(`<!-- ${name} -->`)) throw new Error(`${path} has no <!-- ${name} --> to fill`);
  }
  const parts = new Map(
    readdirSync(LOOK)
      .filter(isPart)
      .map((file) => [nameOf(file), readFileSync(join(LOOK, file), 'utf8')]),
  );
  const filled = fillParts(page, { source: path, address: '', parts });
  const name = municipalityName.replace(/[&<>"]/g, (character) => HTML_ESCAPES[character]!);
  return Buffer.from(filled.replaceAll('{{municipality}}', name));
}

const FILE_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * One of the gateway's own pages with its files, in `scope` (a plugin registered under the page's
 * prefix): `site/<folder>/index.html` at `/`, filled as `gatewayPage` says, and each of `files`
 * (its script, its stylesheet) at `/<file>`, all read once.
 */
export function serveGatewayPage(
  scope: FastifyInstance,
  folder: string,
  files: string[],
  municipalityName: string,
): void {
  const page = gatewayPage(`${folder}/index.html`, municipalityName);
  scope.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  for (const file of files) {
    const type = FILE_TYPES[extname(file)];
    if (!type) throw new Error(`${folder}/${file}: no content type for ${extname(file)}`);
    const body = readFileSync(join(GATEWAY_SITE, folder, file));
    scope.get(`/${file}`, async (_request, reply) => reply.type(type).send(body));
  }
}

const isPart = (file: string) => file.endsWith('.html');
const nameOf = (file: string) => file.slice(0, -'.html'.length);

/** The `.html` files of `folder` by name (prefixed), read now; none when there is no such folder. */
async function partsIn(folder: string, prefix: string): Promise<[string, string][]> {
  const files = await readdir(folder).catch(() => []);
  return Promise.all(
    files
      .filter(isPart)
      .map(
        async (file) =>
          [prefix + nameOf(file), await readFile(join(folder, file), 'utf8')] as [string, string],
      ),
  );
}

/**
 * The page file a request for `path` (relative to the site's root) is for: an `.html` file, or a
 * folder's index.html; undefined for anything else (a stylesheet, a missing file, the parts folder,
 * a path out of the root), which the static files answer.
 */
async function pageFileOf(root: string, path: string): Promise<string | undefined> {
  const file = join(root, path);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const segments = relative(root, file).split(sep);
  if (segments[0] === SITE_PARTS || segments.some((segment) => segment.startsWith('.'))) return undefined;
  const stats = await stat(file).catch(() => undefined);
  if (stats?.isDirectory()) {
    const index = join(file, 'index.html');
    return (await stat(index).catch(() => undefined))?.isFile() ? index : undefined;
  }
  return stats?.isFile() && isPart(file) ? file : undefined;
}

/**
 * A site's pages at `/` (the demo site: SITE_ROOT/demo): each `.html` page, `/` and a folder's index
 * assembled at every request from the page and the parts it names in `root/parts/` (and the look's,
 * `<!-- look/head -->`), so an edit to either shows at the next load; compressed as the site's scope
 * says. A marker with no part answers 500, with the page and the part in the log. Everything else is
 * a static file, as it is; the parts folder is not served.
 */
export async function registerSitePages(app: FastifyInstance, root: string): Promise<void> {
  await app.register(async (pages) => {
    pages.addHook('preHandler', async (request, reply) => {
      const file = await pageFileOf(root, (request.params as { '*'?: string })['*'] ?? '');
      if (!file) return;
      const page = relative(root, file).split(sep).join('/');
      const address = `/${page.replace(/(^|\/)index\.html$/, '$1')}`;
      try {
        const parts = new Map([
          ...(await partsIn(join(root, SITE_PARTS), '')),
          ...(await partsIn(LOOK, 'look/')),
        ]);
        const html = fillParts(await readFile(file, 'utf8'), { source: page, address, parts });
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html);
      } catch (error) {
        if (error instanceof PagePartError) request.log.error({ page }, error.message);
        throw error;
      }
    });
    await pages.register(fastifyStatic, {
      root,
      prefix: '/',
      preCompressed: true,
      allowedPath: (path) => path !== `/${SITE_PARTS}` && !path.startsWith(`/${SITE_PARTS}/`),
    });
  });
}
