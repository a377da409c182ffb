// The way into the admin area: press and hold the kiosk's coat of arms (or the municipality's name)
// for five seconds. Long enough that a citizen resting a finger there does not stumble in, short
// enough for an operator who knows; the PIN guards the area anyway. An operator with a physical
// keyboard focuses the same place (Tab) and presses Ctrl+Alt+A.

/** How long the target must be held. */
export const ADMIN_HOLD_MS = 5_000;
/**
 * How far (CSS px) a finger may drift while holding: a resting finger moves a little, and a touch
 * that wanders further is a swipe, not a hold.
 */
export const ADMIN_HOLD_SLOP_PX = 24;
/** The keyboard shortcut, as `aria-keyshortcuts` names it. */
export const ADMIN_SHORTCUT = 'Control+Alt+A';

/** The timers the hold runs on: the window's by default, a manual pair in tests. */
export interface HoldTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AdminGestureOptions {
  holdMs?: number;
  timers?: HoldTimers;
}

const windowTimers: HoldTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `open` when `target` has been pressed and held for five seconds without moving away or
 * lifting, or when Ctrl+Alt+A is pressed while it has the focus. Makes `target` focusable (if it is
 * not) and tells assistive technology the shortcut; a long press there no longer opens the browser's
 * context menu or selects text. Returns the function that stops watching and undoes all of that.
 */
export function watchAdminGesture(
  target: HTMLElement,
  open: () => void,
  options: AdminGestureOptions = {},
): () => void {
  const holdMs = options.holdMs ?? ADMIN_HOLD_MS;
  const timers = options.timers ?? windowTimers;
  let hold: { pointerId: number; x: number; y: number; timer: unknown } | undefined;

  const cancel = () => {
    if (hold) timers.clearTimeout(hold.timer);
    hold = undefined;
  };

  const onPointerDown = (event: PointerEvent) => {
    if (!event.isPrimary || event.button !== 0) return;
    cancel();
    const timer = timers.setTimeout(() => {
      hold = undefined;
      open();
    }, holdMs);
    hold = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, timer };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!hold || event.pointerId !== hold.pointerId) return;
    if (Math.hypot(event.clientX - hold.x, event.clientY - hold.y) > ADMIN_HOLD_SLOP_PX) cancel();
  };
  const onPointerEnd = (event: PointerEvent) => {
    if (hold && event.pointerId === hold.pointerId) cancel();
  };
  // A long touch opens the context menu in Chromium, which would also cancel the pointer.
  const onContextMenu = (event: Event) => event.preventDefault();
  const onKeyDown = (event: KeyboardEvent) => {
    // By physical key: Ctrl+Alt is AltGr on Italian keyboards, where `key` may not be "a".
    if (event.code !== 'KeyA' || !event.ctrlKey || !event.altKey || event.shiftKey || event.metaKey) return;
    event.preventDefault();
    open();
  };

  const listeners: [string, EventListener][] = [
    ['pointerdown', onPointerDown as EventListener],
    ['pointermove', onPointerMove as EventListener],
    ['pointerup', onPointerEnd as EventListener],
    ['pointercancel', onPointerEnd as EventListener],
    ['pointerleave', onPointerEnd as EventListener],
    ['contextmenu', onContextMenu],
    ['keydown', onKeyDown as EventListener],
  ];
  for (const [type, listener] of listeners) target.addEventListener(type, listener);

  const restore = {
    tabindex: target.getAttribute('tabindex'),
    shortcuts: target.getAttribute('aria-keyshortcuts'),
    touchAction: target.style.touchAction,
    userSelect: target.style.userSelect,
  };
  if (target.tabIndex < 0) target.tabIndex = 0;
  target.setAttribute('aria-keyshortcuts', ADMIN_SHORTCUT);
  // Set through the CSSOM (a strict CSP allows it): the browser must not turn the hold into a
  // scroll or a text selection, which would cancel the pointer.
  target.style.touchAction = 'none';
  target.style.userSelect = 'none';

  return () => {
    cancel();
    for (const [type, listener] of listeners) target.removeEventListener(type, listener);
    setOrRemove(target, 'tabindex', restore.tabindex);
    setOrRemove(target, 'aria-keyshortcuts', restore.shortcuts);
    target.style.touchAction = restore.touchAction;
    target.style.userSelect = restore.userSelect;
  };
}

function setOrRemove(element: Element, name: string, value: string | null): void {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
