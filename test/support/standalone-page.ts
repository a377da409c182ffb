// A define module loaded alone, in a page of its own (an iframe of the test page): what a site that
// imports only `@sportello/booking/booking` gets. The tests then drive the element through the
// steps they can reach and check that every `sportello-*` element it renders is defined there.

/** A page of its own with only `modules` loaded (the sandbox's registration, a define module...). */
export async function pageWith(...modules: string[]): Promise<Window & typeof globalThis> {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '1024px';
  frame.style.blockSize = '800px';
  document.body.append(frame);
  const imports = modules.map((path) => `import ${JSON.stringify(path)};`).join('');
  const loaded = new Promise<void>((resolve, reject) => {
    window.addEventListener('message', function listener(event) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', listener);
      if (event.data === 'loaded') resolve();
      else reject(new Error(String(event.data)));
    });
  });
  const script = `${imports} parent.postMessage('loaded', '*');`;
  frame.srcdoc = `<!doctype html><html lang="it"><body><script type="module">${script.replace(
    /<\//g,
    '<\\/',
  )}</script><script>addEventListener('error', (e) => parent.postMessage(e.message, '*'))</script></body></html>`;
  await loaded;
  return frame.contentWindow as Window & typeof globalThis;
}

/** The sandbox's registration, so that `gateway="sandbox"` works in such a page. */
const SANDBOX = '/packages/sandbox/src/register.ts';

/** A page of its own with the sandbox and one define module (its path from the project's root). */
export function pageOnSandboxWith(defineModule: string): Promise<Window & typeof globalThis> {
  return pageWith(SANDBOX, defineModule);
}

/** Every `sportello-*` element in `root` and the shadow roots inside it that `view` has not defined. */
export function undefinedElements(view: Window, root: ParentNode): string[] {
  const missing: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    if (tag.startsWith('sportello-') && !view.customElements.get(tag)) missing.push(tag);
    if (element.shadowRoot) missing.push(...undefinedElements(view, element.shadowRoot));
  }
  return missing;
}

/** Waits, frame by frame, until `until` holds (at most about five seconds). */
export async function until(view: Window, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) {
    await new Promise((resolve) => view.requestAnimationFrame(resolve));
  }
  if (!condition()) throw new Error(`never happened: ${what}`);
}

/** The button inside `root` (and the shadow roots in it) whose text or label matches `name`. */
export function buttonIn(root: ParentNode, name: RegExp): HTMLButtonElement | undefined {
  for (const element of root.querySelectorAll<HTMLElement>('button, *')) {
    if (element.localName === 'button') {
      const label = element.getAttribute('aria-label') ?? element.textContent ?? '';
      if (name.test(label.replace(/\s+/g, ' ').trim())) return element as HTMLButtonElement;
    }
    if (element.shadowRoot) {
      const inside = buttonIn(element.shadowRoot, name);
      if (inside) return inside;
    }
  }
  return undefined;
}

/** Clicks the button named `name` once it is there. */
export async function pressIn(view: Window, root: ParentNode, name: RegExp): Promise<void> {
  await until(view, () => buttonIn(root, name) !== undefined, `a button ${name}`);
  buttonIn(root, name)!.click();
}

/** Types `value` into the field `id` of `root`, as the citizen's typing reaches the element. */
export function typeIn(view: Window, root: ShadowRoot, id: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
  input.value = value;
  const { InputEvent } = view as unknown as typeof globalThis;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
