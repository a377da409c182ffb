// Cumulative layout shift of a page as it loads, measured in Chromium the way Lighthouse reads it:
// the browser's 'layout-shift' entries without recent input, summed in session windows (shifts
// less than 1 s apart, 5 s at most), the largest window counted. Each load is a fresh context with
// the CPU slowed as for the render times, at a desktop and at a mobile viewport (Lighthouse's).
import type { Browser } from 'playwright-core';
import { CPU_SLOWDOWN } from './render.js';

export interface Viewport {
  name: string;
  width: number;
  height: number;
  mobile: boolean;
}

export const VIEWPORTS: Viewport[] = [
  { name: 'desktop', width: 1350, height: 940, mobile: false },
  { name: 'mobile', width: 412, height: 823, mobile: true },
];

export interface Shift {
  /** Milliseconds since navigation start. */
  time: number;
  value: number;
  /** The nodes that moved, as `tag#id.class` with their previous and current top edge. */
  sources: string[];
}

/** A Sportello element as it settled: its height, and the room the stylesheet keeps for it. */
export interface SettledElement {
  element: string;
  height: number;
  reserved: string;
}

export interface LayoutShiftLoad {
  cls: number;
  shifts: Shift[];
  elements: SettledElement[];
}

// Runs before the page's own scripts and records every shift from the first paint on. A string,
// not a function, so that what tsx adds to compiled functions does not reach the page.
const RECORD_SHIFTS = `
(() => {
  const describe = (node) => {
    if (!node) return '(gone)';
    if (!(node instanceof Element)) return node.nodeName.toLowerCase() + ' in ' + describe(node.parentNode);
    const id = node.id ? '#' + node.id : '';
    const classes = [...node.classList].map((name) => '.' + name).join('');
    const root = node.getRootNode();
    return node.localName + id + classes + (root instanceof ShadowRoot ? ' in ' + describe(root.host) : '');
  };
  const shifts = (window.__shifts = []);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push({
        time: entry.startTime,
        value: entry.value,
        sources: entry.sources.map(
          (source) =>
            describe(source.node) + ' ' + Math.round(source.previousRect.y) + '->' + Math.round(source.currentRect.y),
        ),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();
`;

/** The largest sum of shifts in one session window (gaps under 1 s, at most 5 s long). */
export function sessionWindowMax(shifts: Shift[]): number {
  let largest = 0;
  let sum = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const shift of [...shifts].sort((a, b) => a.time - b.time)) {
    if (shift.time - last >= 1000 || shift.time - start >= 5000) {
      sum = 0;
      start = shift.time;
    }
    sum += shift.value;
    last = shift.time;
    largest = Math.max(largest, sum);
  }
  return largest;
}

/**
 * Loads `url` once at `viewport` and returns its layout shifts once it has settled: the network
 * quiet, every Sportello element defined and rendered, and two more frames painted.
 */
export async function layoutShiftOf(
  browser: Browser,
  url: string,
  viewport: Viewport,
): Promise<LayoutShiftLoad> {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    ...(viewport.mobile ? { deviceScaleFactor: 1.75, isMobile: true, hasTouch: true } : {}),
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript({ content: RECORD_SHIFTS });
    await page.goto(url, { waitUntil: 'networkidle' });
    const { shifts, settled } = await page.evaluate(async () => {
      const elements = [...document.querySelectorAll('*')].filter((element) =>
        element.localName.startsWith('sportello-'),
      );
      await Promise.all(elements.map((element) => customElements.whenDefined(element.localName)));
      await Promise.all(
        elements.map(
          (element) => (element as Element & { updateComplete?: Promise<unknown> }).updateComplete,
        ),
      );
      for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
      return {
        shifts: (window as unknown as { __shifts: Shift[] }).__shifts,
        settled: elements.map((element) => ({
          element: element.localName + (element.hasAttribute('manage') ? '[manage]' : ''),
          height: element.getBoundingClientRect().height,
          reserved: getComputedStyle(element).minBlockSize,
        })),
      };
    });
    return { cls: sessionWindowMax(shifts), shifts, elements: settled };
  } finally {
    await context.close();
  }
}

/**
 * A page embedding every element as the README's snippet does (the stylesheet and the loader),
 * between headings and text that would move if an element did, on no style of its own: a CMS
 * page at its plainest. The calendar shows a month of six weeks, the tallest.
 */
export const EVERY_ELEMENT_PAGE = `<!doctype html>
<html lang="it">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Ogni elemento di Sportello</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/dist/sportello.css" />
    <script type="module" src="/dist/sportello.js"></script>
  </head>
  <body>
    <h1>Servizi online</h1>
    <p>Paga, prenota e chiedi certificati da casa o al totem della biblioteca.</p>
    <h2>Paga un avviso pagoPA</h2>
    <sportello-payment></sportello-payment>
    <h2>Paga un servizio</h2>
    <sportello-payment-catalogue></sportello-payment-catalogue>
    <h2>Prenota un appuntamento</h2>
    <sportello-booking></sportello-booking>
    <h2>Annulla o sposta un appuntamento</h2>
    <sportello-booking manage></sportello-booking>
    <h2>Chiedi un certificato</h2>
    <sportello-certificate></sportello-certificate>
    <h2>Verifica un certificato</h2>
    <sportello-certificate-verify></sportello-certificate-verify>
    <h2>Scegli un giorno</h2>
    <sportello-calendar today="2026-11-23" month="2026-11"></sportello-calendar>
    <h2>Continua sul telefono</h2>
    <sportello-qr value="https://www.comune.example.it/servizi" label="Codice QR della pagina dei servizi">
      Inquadra il codice con il telefono
    </sportello-qr>
    <p>Fine della pagina.</p>
  </body>
</html>
`;

/** Each load's layout shift, and the worst and the median of them. */
export interface LayoutShiftRuns {
  loads: LayoutShiftLoad[];
  worst: LayoutShiftLoad;
  median: number;
}

export async function layoutShiftRuns(
  browser: Browser,
  url: string,
  viewport: Viewport,
  runs: number,
): Promise<LayoutShiftRuns> {
  const loads: LayoutShiftLoad[] = [];
  for (let run = 0; run < runs; run++) loads.push(await layoutShiftOf(browser, url, viewport));
  const sorted = [...loads].sort((a, b) => a.cls - b.cls);
  return { loads, worst: sorted.at(-1)!, median: sorted[Math.floor(sorted.length / 2)]!.cls };
}
