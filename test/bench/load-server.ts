// The gateway that test/bench/load.ts measures, in a process of its own, so that the load generator
// does not share its event loop (nor its garbage collector) with the server. Started by load.ts with
// fork(); tells the parent its URL over IPC and stops when the parent says so or goes away.
//   node --conditions=source --import tsx test/bench/load-server.ts sqlite|postgres
import { manualClock } from '@sportello/core/node';
import { startTestGateway, type DatabaseKind } from '../support/gateway.js';

/**
 * Monday 23 November 2026, 09:00:30 in Rome, frozen: the month measured (December) is bookable, and
 * stays so. Inside a minute, as a real clock nearly always is (an answer computed on the whole minute
 * is not cached: availability-cache.ts).
 */
const LOAD_NOW = '2026-11-23T09:00:30+01:00';

const kind = (process.argv[2] ?? 'sqlite') as DatabaseKind;
const gateway = await startTestGateway(kind, {
  now: manualClock(LOAD_NOW).now,
  demoLogin: true,
  // The load generator is one client making tens of thousands of requests: the per-client rate limit
  // (RATE_LIMIT_MAX, 300 a minute by default) would answer most of them 429 and measure the limiter.
  // Raised out of reach, so that what is measured is the server's work.
  rateLimit: { max: 1_000_000_000, windowMs: 60_000 },
  // The holds made before measuring come from distinct clients (X-Forwarded-For), as citizens'.
  trustProxy: true,
  // Logged as in production, one line a request; the parent sends this process's output nowhere.
  logLevel: 'info',
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await gateway.close();
  process.exit(0);
}
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.send!({ url: gateway.url });
