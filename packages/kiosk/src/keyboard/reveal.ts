// Keeping the field being typed in, with its label and its error, above the on-screen keyboard.

import type { TextField } from './layouts.js';

/** Room left between what is shown and the keyboard's edge, and the top of the screen. */
const MARGIN = 8;

/** An element's parent in the flat tree: its slot, its parent, or its shadow root's host. */
function flatParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  const root = element.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The elements that scroll `element` into view, nearest first, crossing shadow roots through their
 * hosts, and last the document's scrolling element (the window).
 */
export function scrollersOf(element: Element): Element[] {
  const doc = element.ownerDocument;
  const scrolling = doc.scrollingElement ?? doc.documentElement;
  const scrollers: Element[] = [];
  for (let node = flatParent(element); node && node !== scrolling; node = flatParent(node)) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) {
      scrollers.push(node);
    }
  }
  scrollers.push(scrolling);
  return scrollers;
}

/**
 * What must be seen while typing in `field`: the field and what describes it (its hint and its
 * error, the elements its `aria-describedby` names in its own root), and its labels, which are
 * given up first when everything does not fit.
 */
export function partsToShow(field: TextField): { needed: Element[]; labels: Element[] } {
  const root = field.getRootNode() as Document | ShadowRoot;
  const described = (field.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id))
    .filter((element): element is HTMLElement => element !== null);
  return { needed: [field, ...described], labels: [...(field.labels ?? [])] };
}

/** The top and bottom of what `elements` cover on screen; the ones not rendered count for nothing. */
function extentOf(elements: Element[]): { top: number; bottom: number } | undefined {
  let extent: { top: number; bottom: number } | undefined;
  for (const element of elements) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue; // empty, hidden or not rendered
    extent = extent
      ? { top: Math.min(extent.top, rect.top), bottom: Math.max(extent.bottom, rect.bottom) }
      : { top: rect.top, bottom: rect.bottom };
  }
  return extent;
}

/**
 * How far to scroll down (negative: up) so that what `field` needs shown fits between the top of
 * the screen and `limit` (the keyboard's top edge, in viewport pixels): its labels too when they
 * fit, the field and its error always. Zero when it already fits.
 */
function neededScroll(field: TextField, limit: number): number {
  const { needed, labels } = partsToShow(field);
  const must = extentOf(needed);
  if (!must) return 0;
  const all = extentOf([...needed, ...labels])!;
  const space = limit - MARGIN - MARGIN;
  const shown = all.bottom - all.top <= space ? all : must;
  let delta = 0;
  // Down until the bottom fits, but not so far that the top leaves the screen; or up to the top.
  if (shown.bottom > limit - MARGIN) delta = Math.min(shown.bottom - (limit - MARGIN), shown.top - MARGIN);
  else if (shown.top < MARGIN) delta = shown.top - MARGIN;
  // Whole pixels, away from zero: a scroll position rounds, and a fraction short is still covered.
  return Math.abs(delta) < 0.5 ? 0 : Math.sign(delta) * Math.ceil(Math.abs(delta));
}

/**
 * Scrolls what can scroll, nearest first, until `field`, its error and (room permitting) its label
 * are between the top of the screen and `limit`. Says whether they now are: when the page is too
 * short to scroll that far, the keyboard gives it room at its bottom and calls this again.
 */
export function revealAbove(field: TextField, limit: number): boolean {
  for (const scroller of scrollersOf(field)) {
    const delta = neededScroll(field, limit);
    if (delta === 0) return true;
    scroller.scrollTop += delta;
  }
  return neededScroll(field, limit) === 0;
}
