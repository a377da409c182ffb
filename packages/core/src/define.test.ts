import { expect } from '@open-wc/testing';
import { define } from './define.js';
import { VERSION } from './version.js';

function elementClass(version: string) {
  return class extends HTMLElement {
    static readonly version = version;
  };
}

function capturingWarnings<T>(run: () => T): { result: T; warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    return { result: run(), warnings };
  } finally {
    console.warn = original;
  }
}

describe('define()', () => {
  it('registers a tag once; a second copy of the same version is skipped silently', () => {
    const first = elementClass(VERSION);
    const second = elementClass(VERSION);
    const { warnings } = capturingWarnings(() => {
      define('sportello-test-same', first);
      define('sportello-test-same', second);
      define('sportello-test-same', first);
    });
    expect(customElements.get('sportello-test-same')).to.equal(first);
    expect(warnings).to.deep.equal([]);
  });

  it('keeps the first copy when another version arrives, warning once for the whole page', () => {
    define('sportello-test-a', elementClass(VERSION));
    define('sportello-test-b', elementClass(VERSION));
    const { warnings } = capturingWarnings(() => {
      define('sportello-test-a', elementClass('99.0.0'));
      define('sportello-test-b', elementClass('99.0.0'));
    });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain(`Sportello 99.0.0`).and.contain(`Sportello ${VERSION}`);
    expect((customElements.get('sportello-test-a') as unknown as { version: string }).version).to.equal(
      VERSION,
    );
  });
});
