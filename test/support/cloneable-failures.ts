// Loaded before every browser test file (web-test-runner.config.mjs). Web-test-runner sends each
// failed assertion's `actual` and `expected` to the terminal through structuredClone, which throws
// on DOM nodes and functions: a failing `expect(button(...)).to.equal(undefined)` lost its report,
// and the run stopped 120 s later with "Browser tests did not finish" and no message
// (modernweb-dev/web#2967; @web/dev-server-core 1.0.1 still clones). Values structuredClone refuses
// are replaced by a description here, before the error leaves chai, so the failure reads as one.
// chai itself, the one @open-wc/testing re-exports: importing @open-wc/testing here, before mocha
// has set up its globals, would keep its fixture() from registering the cleanup after each test.
import { Assertion, AssertionError } from '@esm-bundle/chai';

function describeValue(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    if (value instanceof Element) {
      const markup = value.outerHTML;
      return markup.length > 300 ? `${markup.slice(0, 300)}…` : markup;
    }
    if (value instanceof Node) return `${value.nodeName} ${JSON.stringify(value.textContent ?? '')}`;
    return String(value);
  }
}

const assert = Assertion.prototype.assert;
Assertion.prototype.assert = function (this: Chai.AssertionStatic, ...args: Parameters<typeof assert>) {
  try {
    assert.apply(this, args);
  } catch (error) {
    if (error instanceof AssertionError) {
      const failure = error as Chai.AssertionError & { actual?: unknown; expected?: unknown };
      failure.actual = describeValue(failure.actual);
      failure.expected = describeValue(failure.expected);
    }
    throw error;
  }
};
