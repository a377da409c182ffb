// The Comune's look: Bootstrap Italia and the municipality's own few rules, served by the gateway
// itself so that its own pages (the demo sign-in, the demo mailbox, the simulated checkout) look like
// the municipality's site even when the gateway serves no site (`SITE_ROOT` unset). The demo site
// links the same files, so there is one copy of each.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const GATEWAY_SITE = fileURLToPath(new URL('../site/', import.meta.url));
const LOOK = join(GATEWAY_SITE, 'look');

/** The parts every gateway page shares, one copy each in look/: where a page puts them, and the file. */
const PARTS = { '<!-- head -->': 'head.html', '<!-- header -->': 'header.html' } as const;

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
      allowedPath: (path) => !Object.values(PARTS).some((file) => path === `/${file}`),
      maxAge: '1d',
    });
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * One of the gateway's own pages, read once: its `<!-- head -->` and `<!-- header -->` comments become
 * the shared head (icon, font preloads, stylesheets) and the municipality's header, and
 * `{{municipality}}` the municipality's name from its profile.
 */
export function gatewayPage(path: string, municipalityName: string): Buffer {
  let page = readFileSync(join(GATEWAY_SITE, path), 'utf8');
  for (const [marker, file] of Object.entries(PARTS)) {
    if (!page.includes(marker)) throw new Error(`${path} has no ${marker} to fill`);
    page = page.replace(marker, readFileSync(join(LOOK, file), 'utf8').trim());
  }
  const name = municipalityName.replace(/[&<>"]/g, (character) => HTML_ESCAPES[character]!);
  return Buffer.from(page.replaceAll('{{municipality}}', name));
}
