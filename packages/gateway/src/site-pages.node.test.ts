// The site's pages assembled by the gateway from their shared parts (head, header, footer), as a CMS
// would: a part's one copy in the site's parts folder (or the look's), filled in where a page names it,
// read again at every request; the parts folder itself never served; a page naming a part that does
// not exist answers 500 and the log says which page and which part. Then the demo site itself.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startTestGateway, type TestGateway } from '../../../test/support/gateway.js';

const NAVIGATION = `<nav><ul>
  <li><a class="nav-link" href="/"><span data-en="Services">Servizi</span></a></li>
  <li><a class="nav-link" href="/servizi/pagare.html"
    ><span data-en="Payments">Pagamenti</span></a
  ></li>
</ul></nav>`;

const page = (head: string, body: string) =>
  `<!doctype html>\n<html lang="it">\n  <head>\n    <title>Pagina</title>\n    ${head}\n  </head>\n  <body>\n    ${body}\n  </body>\n</html>\n`;

/** The log's entries, parsed. */
const entriesOf = (logs: string) =>
  logs
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: number; msg: string; page?: string });

describe('site pages assembled from their parts', () => {
  let gateway: TestGateway;
  let logs = '';
  const siteRoot = mkdtempSync(join(tmpdir(), 'sportello-site-'));
  const demo = join(siteRoot, 'demo');
  before(async () => {
    for (const folder of ['demo/parts', 'demo/servizi', 'demo/assets', 'dist/kiosk']) {
      mkdirSync(join(siteRoot, folder), { recursive: true });
    }
    writeFileSync(
      join(demo, 'parts', 'head.html'),
      '<!-- look/head -->\n<link rel="stylesheet" href="/assets/site.css" />\n',
    );
    writeFileSync(join(demo, 'parts', 'header.html'), `<header>\n${NAVIGATION}\n</header>\n`);
    writeFileSync(join(demo, 'parts', 'footer.html'), '<footer data-en="Contacts">Contatti</footer>\n');
    writeFileSync(join(demo, 'assets', 'site.css'), 'main { color: #191919; }\n');
    writeFileSync(
      join(demo, 'index.html'),
      // Long enough to be worth compressing.
      page(
        '<!-- head -->',
        `<!-- header current="/" -->\n    <!-- A note for editors, not a part. -->\n    <main>${'<p>Servizi online</p>'.repeat(80)}</main>\n    <!-- footer -->`,
      ),
    );
    writeFileSync(
      join(demo, 'servizi', 'pagare.html'),
      page('<!-- head -->', '<!-- header current="/servizi/pagare.html" --><main>Pagare</main>'),
    );
    writeFileSync(
      join(demo, 'servizi', 'pagare-servizio.html'),
      page('<!-- head -->', '<!-- header current="/servizi/pagare.html" --><main>Servizio</main>'),
    );
    writeFileSync(join(demo, 'servizi', 'index.html'), page('<!-- head -->', '<!-- header --><main></main>'));
    writeFileSync(join(demo, 'broken.html'), page('<!-- head -->', '<!-- sidebar --><main></main>'));
    writeFileSync(
      join(demo, 'wrong-item.html'),
      page('<!-- head -->', '<!-- header current="/no-such-page.html" --><main></main>'),
    );
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk;
        done();
      },
    });
    gateway = await startTestGateway('sqlite', { siteRoot, logLevel: 'info' }, { logStream });
  });
  after(async () => {
    await gateway?.close();
    rmSync(siteRoot, { recursive: true, force: true });
  });

  it('fills each marker with its part: the look’s head, the site’s own, the header with its current item', async () => {
    const response = await fetch(`${gateway.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const html = await response.text();
    // The look's head (the gateway's own pages use the same), then the site's.
    assert.match(
      html,
      /<link rel="stylesheet" href="\/look\/comune\.css" \/>\s*<link rel="stylesheet" href="\/assets\/site\.css" \/>/,
    );
    assert.match(html, /<link rel="icon" href="\/look\/stemma\.svg"/);
    assert.match(html, /<a class="nav-link active" href="\/" aria-current="page"><span data-en="Services">/);
    assert.match(html, /<a class="nav-link" href="\/servizi\/pagare\.html"\s*>/, 'the other item unmarked');
    assert.match(html, /<footer data-en="Contacts">Contatti<\/footer>/, 'translations kept');
    assert.match(html, /<!-- A note for editors, not a part\. -->/, 'a plain comment stays');
    assert.doesNotMatch(html, /<!-- (look\/)?(head|header|footer)\b/, 'no marker left');
    assert.equal(await (await fetch(`${gateway.url}/index.html`)).text(), html);
  });

  it('marks the item a page comes under as active, and current only on its own page', async () => {
    const own = await (await fetch(`${gateway.url}/servizi/pagare.html`)).text();
    assert.match(own, /<a class="nav-link active" href="\/servizi\/pagare\.html" aria-current="page">/);
    assert.match(own, /<a class="nav-link" href="\/">/);
    const under = await (await fetch(`${gateway.url}/servizi/pagare-servizio.html`)).text();
    assert.match(under, /<a class="nav-link active" href="\/servizi\/pagare\.html"\s*>/);
    assert.doesNotMatch(under, /aria-current/);
    const folder = await (await fetch(`${gateway.url}/servizi/`)).text();
    assert.match(folder, /<header>/, 'a folder’s index is assembled too');
    assert.doesNotMatch(folder, /active|aria-current/, 'no item named, none marked');
  });

  it('reads the page and its parts again at every request: an edit shows without a restart', async () => {
    writeFileSync(join(demo, 'parts', 'footer.html'), '<footer data-en="Contact us">Scrivici</footer>\n');
    assert.match(
      await (await fetch(`${gateway.url}/`)).text(),
      /<footer data-en="Contact us">Scrivici<\/footer>/,
    );
  });

  it('compresses the assembled page as the site’s files, and asks caches to check it again', async () => {
    const response = await fetch(`${gateway.url}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    // fetch decodes it: the text is the page, assembled.
    assert.match(await response.text(), /aria-current="page"/);
  });

  it('serves every other file as it is', async () => {
    const response = await fetch(`${gateway.url}/assets/site.css`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/css/);
    assert.equal(await response.text(), 'main { color: #191919; }\n');
    assert.equal((await fetch(`${gateway.url}/nothing-here.html`)).status, 404);
  });

  it('never serves a part as a page: the parts folder and the look’s parts answer 404', async () => {
    for (const path of [
      '/parts/header.html',
      '/parts/',
      '/parts',
      '/%70arts/footer.html',
      '/look/head.html',
    ]) {
      const response = await fetch(gateway.url + path);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, path);
    }
  });

  it('answers 500 for a page naming a part that does not exist, and logs the page and the part', async () => {
    const response = await fetch(`${gateway.url}/broken.html`);
    assert.equal(response.status, 500);
    assert.equal((await response.json()).code, 'internal-error');
    const logged = entriesOf(logs).find((entry) => entry.page === 'broken.html');
    assert.ok(logged, logs);
    assert.equal(logged.level, 50, 'an error');
    assert.match(logged.msg, /names the part "sidebar", which does not exist/);

    // The same for a current item the header has no link to (a typo in the address).
    assert.equal((await fetch(`${gateway.url}/wrong-item.html`)).status, 500);
    const wrong = entriesOf(logs).find((entry) => entry.page === 'wrong-item.html');
    assert.match(wrong?.msg ?? '', /current="\/no-such-page\.html" is not a navigation link/);
  });
});

describe('the demo site’s pages', () => {
  let gateway: TestGateway;
  const repository = fileURLToPath(new URL('../../../', import.meta.url));
  /** The navigation item each page comes under; aria-current where it is the page itself. */
  const CURRENT: Record<string, string | undefined> = {
    '/': '/',
    '/servizi/pagare-avviso.html': '/servizi/pagare-avviso.html',
    '/servizi/pagare-servizio.html': '/servizi/pagare-avviso.html',
    '/servizi/prenotare-appuntamento.html': '/servizi/prenotare-appuntamento.html',
    '/servizi/gestire-appuntamento.html': '/servizi/prenotare-appuntamento.html',
    '/servizi/certificati-anagrafici.html': '/servizi/certificati-anagrafici.html',
    '/servizi/verificare-certificato.html': '/servizi/certificati-anagrafici.html',
    '/per-chi-gestisce-il-sito.html': '/per-chi-gestisce-il-sito.html',
    '/privacy.html': undefined,
    '/docs/': '/docs/',
    '/docs/accessibilita.html': undefined,
  };
  before(async () => {
    gateway = await startTestGateway('sqlite', { siteRoot: repository });
  });
  after(() => gateway?.close());

  it('has a test for each of its pages', () => {
    const pages = (folder: string) =>
      readdirSync(join(repository, 'demo', folder))
        .filter((file) => file.endsWith('.html'))
        .map((file) => `/${folder ? `${folder}/` : ''}${file}`.replace(/index\.html$/, ''));
    assert.deepEqual(['', 'servizi', 'docs'].flatMap(pages).sort(), Object.keys(CURRENT).sort());
  });

  for (const [path, current] of Object.entries(CURRENT)) {
    it(`${path}: assembled, one head, header and footer, its navigation item marked`, async () => {
      const response = await fetch(gateway.url + path);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.doesNotMatch(html, /<!--/, 'no marker left');
      for (const once of [
        /<link rel="icon"/g,
        /\/assets\/site\.js"/g,
        /<header /g,
        /<footer /g,
        /id="language"/g,
      ]) {
        assert.equal(html.match(once)?.length, 1, String(once));
      }
      const marked = [
        ...html.matchAll(/<a class="nav-link active" href="([^"]+)"(\s+aria-current="page")?/g),
      ];
      assert.deepEqual(
        marked.map(([, href, own]) => [href, Boolean(own)]),
        current ? [[current, current === path]] : [],
      );
    });
  }
});
