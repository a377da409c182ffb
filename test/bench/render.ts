// Median time from navigation start to an element's first render, in Chromium with the CPU slowed
// down 4x (a modest kiosk or an old phone). Each run is a fresh browser context (cold cache). The
// page polls with a MessageChannel (no timer clamping, no frame wait) until the element's shadow
// root holds what the case names, and logs performance.now() (time since navigation start) and
// the scripts the browser had downloaded by then (Resource Timing), which is what the page paid
// for its first render. The bench reads the console and runs nothing in the page before then:
// Playwright's own script for waiting in a page takes the main thread for about 100 ms at 4x
// slowdown, and landing, as it did, after the load event and before an element whose code comes
// later (from the loader), it delayed that element's render and no other.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

export interface RenderCase {
  name: string;
  /** Markup placed in <body>. */
  body: string;
  /** Markup placed in <head> before the scripts: a stylesheet the element needs, as its docs say. */
  head?: string;
  /** Module script URL that defines the element(s). */
  script: string;
  /** The element to watch, and a selector inside its shadow root that means "rendered". */
  tag: string;
  ready: string;
}

export const CPU_SLOWDOWN = 4;

const RENDERED = 'sportello-bench-rendered ';

const PROBE = `
(() => {
  const { measureTag: tag, measureReady: ready } = document.documentElement.dataset;
  const channel = new MessageChannel();
  const check = () => {
    const root = document.querySelector(tag)?.shadowRoot;
    if (root && root.querySelector(ready)) {
      const time = performance.now();
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry) => /\\.js$/.test(new URL(entry.name).pathname) && !entry.name.endsWith('/probe.js'))
        .map((entry) => ({ path: new URL(entry.name).pathname, bytes: entry.decodedBodySize }));
      console.log('${RENDERED}' + JSON.stringify({ time, scripts }));
    } else channel.port2.postMessage(0);
  };
  channel.port1.onmessage = check;
  check();
})();
`;

export function writeRenderPages(cases: RenderCase[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'probe.js'), PROBE);
  for (const c of cases) {
    writeFileSync(
      join(dir, `${c.name}.html`),
      `<!doctype html><html lang="it" data-measure-tag="${c.tag}" data-measure-ready='${c.ready}'>` +
        `<head><meta charset="utf-8"><title>${c.name}</title><link rel="icon" href="data:,">` +
        `${c.head ?? ''}<script src="probe.js"></script><script type="module" src="${c.script}"></script></head>` +
        `<body>${c.body}</body></html>`,
    );
  }
}

/** A script the page downloaded before the element rendered: its URL path, and its size as served. */
export interface Download {
  path: string;
  bytes: number;
}

async function renderTime(browser: Browser, url: string): Promise<{ time: number; scripts: Download[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const rendered = page.waitForEvent('console', {
    predicate: (message) => message.text().startsWith(RENDERED),
    timeout: 60_000,
  });
  await page.goto(url, { waitUntil: 'commit' });
  const message = await rendered;
  await context.close();
  return JSON.parse(message.text().slice(RENDERED.length)) as { time: number; scripts: Download[] };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export interface RenderTimes {
  /** Median time to first render of each case, in ms. */
  medians: Record<string, number>;
  /** Each case's time divided by the reference case's in the same round, median over the rounds. */
  ratios: Record<string, number>;
  /** Case `name`'s time divided by case `other`'s in the same round, median over the rounds. */
  ratio(name: string, other: string): number;
  /** Every round's time of each case, in ms, in the order the rounds ran. */
  times: Record<string, number[]>;
  /** Every round's scripts downloaded before the first render, of each case. */
  scripts: Record<string, Download[][]>;
}

/**
 * The 95% confidence interval of the median of `values`: the sorted values k places in from either
 * end, k = n/2 - 1.96·√n/2 (the normal approximation to the binomial count of values under the median).
 */
export function medianInterval(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.max(0, Math.floor(sorted.length / 2 - 0.98 * Math.sqrt(sorted.length)));
  return [sorted[k]!, sorted[sorted.length - 1 - k]!];
}

/**
 * Render times of each page. Runs are interleaved (A B C, A B C, ...) after one discarded warm-up
 * round, so that no case is favoured by coming after the browser has warmed up; ratios to the
 * reference are taken round by round, so a slow moment of the machine weighs on both sides.
 */
export async function renderTimes(
  browser: Browser,
  urls: Record<string, string>,
  runs: number,
  reference: string,
): Promise<RenderTimes> {
  const times: Record<string, number[]> = {};
  const scripts: Record<string, Download[][]> = {};
  for (let run = -1; run < runs; run++) {
    for (const [name, url] of Object.entries(urls)) {
      const rendered = await renderTime(browser, url);
      if (run < 0) continue;
      (times[name] ??= []).push(rendered.time);
      (scripts[name] ??= []).push(rendered.scripts);
    }
  }
  const roundRatios = (name: string, other: string) =>
    times[name]!.map((value, round) => value / times[other]![round]!);
  const ratio = (name: string, other: string) => median(roundRatios(name, other));
  const medians: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const [name, values] of Object.entries(times)) {
    medians[name] = median(values);
    ratios[name] = ratio(name, reference);
  }
  return { medians, ratios, ratio, times, scripts };
}

/**
 * What a case loads, as a hash: its page and the probe, its stylesheet, and every script it downloaded before
 * rendering in any round (a loader's script stays the same when the element it loads changes), so
 * that a change anywhere in the code a case runs changes its fingerprint. `files` maps a URL path
 * to the file served for it.
 */
export function caseFingerprint(
  c: RenderCase,
  pagesDir: string,
  files: (urlPath: string) => string,
  downloads: Download[][],
): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(pagesDir, `${c.name}.html`)));
  hash.update(readFileSync(join(pagesDir, 'probe.js')));
  for (const [, href] of (c.head ?? '').matchAll(/href="([^"]+)"/g)) hash.update(readFileSync(files(href!)));
  const scripts = new Set([c.script, ...downloads.flat().map((download) => download.path)]);
  for (const path of [...scripts].sort()) hash.update(readFileSync(files(path)));
  return hash.digest('hex').slice(0, 16);
}

interface RecordedRun {
  date: string;
  fingerprints: Record<string, string>;
  times: Record<string, number[]>;
}

/**
 * Every run's rounds, kept in `file`, for judging a close ratio on several runs of the same code
 * pooled: one run's interval does not cover how much whole runs differ on a shared machine.
 */
export class RenderHistory {
  private readonly runs: RecordedRun[];

  constructor(private readonly file: string) {
    this.runs = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RecordedRun[]) : [];
  }

  add(fingerprints: Record<string, string>, times: Record<string, number[]>): void {
    this.runs.push({ date: new Date().toISOString(), fingerprints, times });
    writeFileSync(this.file, JSON.stringify(this.runs));
  }

  /** The round-by-round ratios of `name` to `other` over the runs of the code measured now. */
  pooled(name: string, other: string, now: Record<string, string>): { runs: number; ratios: number[] } {
    const same = this.runs.filter(
      (run) => run.fingerprints[name] === now[name] && run.fingerprints[other] === now[other],
    );
    return {
      runs: same.length,
      ratios: same.flatMap((run) => run.times[name]!.map((time, round) => time / run.times[other]![round]!)),
    };
  }
}
