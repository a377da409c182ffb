import { expect } from '@open-wc/testing';
import { manualTimers, type ManualTimers } from '../admin/manual-timers.js';
import { MORE_TIME_FACTOR, Session, WARNING_SECONDS, type SessionEnd } from './session.js';

describe('a citizen’s session', () => {
  let timers: ManualTimers;
  let warnings: number[];
  let ends: SessionEnd[];
  let extended: number;
  let moreTime: boolean;

  function session(idleSeconds = 90) {
    return new Session({
      idleSeconds: () => idleSeconds,
      moreTime: () => moreTime,
      onWarning: (seconds) => warnings.push(seconds),
      onExtended: () => extended++,
      onEnd: (reason) => ends.push(reason),
      timers,
    });
  }

  beforeEach(() => {
    timers = manualTimers();
    warnings = [];
    ends = [];
    extended = 0;
    moreTime = false;
  });

  it('warns after the idle time without a touch, and counts down at least 20 seconds before ending', () => {
    const s = session(90);
    s.start();
    timers.advance(89_999);
    expect(warnings, 'no warning before the idle time').to.deep.equal([]);
    timers.advance(1);
    expect(s.state).to.equal('warning');
    expect(warnings[0]).to.equal(WARNING_SECONDS);
    expect(WARNING_SECONDS).to.be.at.least(20);
    timers.advance((WARNING_SECONDS - 1) * 1000);
    expect(ends, 'still counting down').to.deep.equal([]);
    expect(warnings.at(-1)).to.equal(1);
    timers.advance(1000);
    expect(ends).to.deep.equal(['idle']);
    expect(s.running).to.equal(false);
    expect(timers.pending, 'no timer left behind').to.equal(0);
  });

  it('starts the idle time again at every touch while active', () => {
    const s = session(90);
    s.start();
    for (let i = 0; i < 5; i++) {
      timers.advance(60_000);
      s.activity();
    }
    expect(warnings).to.deep.equal([]);
    timers.advance(90_000);
    expect(s.state).to.equal('warning');
  });

  it('takes only "I need more time" once the warning shows, not a touch beside it', () => {
    const s = session(30);
    s.start();
    timers.advance(30_000);
    s.activity();
    timers.advance(WARNING_SECONDS * 1000);
    expect(ends).to.deep.equal(['idle']);
  });

  it('gives more time as often as asked, more than ten times (WCAG 2.2.1)', () => {
    const s = session(90);
    s.start();
    for (let round = 1; round <= 12; round++) {
      timers.advance(90_000);
      expect(s.state, `warned, round ${round}`).to.equal('warning');
      timers.advance((WARNING_SECONDS - 1) * 1000); // the last second
      s.extend();
      expect(s.state).to.equal('active');
    }
    expect(s.extensions).to.equal(12);
    expect(extended).to.equal(12);
    expect(ends).to.deep.equal([]);
  });

  it('ends at once on "I have finished", from the session or the warning', () => {
    const s = session();
    s.start();
    s.finish();
    expect(ends).to.deep.equal(['finished']);
    s.start();
    timers.advance(90_000);
    s.finish();
    expect(ends).to.deep.equal(['finished', 'finished']);
    expect(timers.pending).to.equal(0);
  });

  it('waits three times longer, and warns for a minute, with "more time"', () => {
    moreTime = true;
    const s = session(90);
    s.start();
    timers.advance(90_000 * MORE_TIME_FACTOR - 1);
    expect(warnings).to.deep.equal([]);
    timers.advance(1);
    expect(warnings[0]).to.equal(60);
  });

  it('neither warns nor ends while paused by the admin area', () => {
    const s = session(90);
    s.start();
    timers.advance(80_000);
    s.pause();
    timers.advance(3_600_000);
    expect(warnings).to.deep.equal([]);
    s.resume();
    timers.advance(90_000);
    expect(s.state).to.equal('warning');
  });
});
