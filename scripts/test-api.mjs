// A tiny idempotent HTTP endpoint served by the browser test runner, so the outbox is tested against
// real requests: POST /test-api/writes/<space>[?respond=<status>] records the write once per
// Idempotency-Key (a replay gets the first answer back); GET lists what it recorded. Each test
// uses its own <space>, so test files running side by side do not see each other's writes.
// `retry-after=<seconds>` adds that header to the refusal (a "later", such as 409 in progress).
// /test-api/slow (and any path under it) answers late: for client timeouts, and what a widget shows
// while it waits.
// /test-api/refusing/<status>/<code>[/<field>:<fieldCode>]/... is a back end that follows the API
// contract and refuses every request with that problem (naming a field's error, if given): what
// another municipality's back end answers when pagoPA or the creditor's systems are down, or when
// its way to pagoPA takes one notice per payment, which the reference gateway's demo never does.
const spaces = new Map();

async function readBody(request) {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

export function testApi() {
  return async function testApiMiddleware(context, next) {
    if (context.path.startsWith('/test-api/slow')) {
      // Answers after 5 s, longer than any client timeout a test sets, with a problem: a widget
      // still waiting by then (its test is over) shows its error and throws nothing.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      context.status = 504;
      context.type = 'application/problem+json';
      const code = 'creditor-timeout';
      context.body = JSON.stringify({
        type: `urn:sportello:problem:${code}`,
        title: code,
        status: 504,
        code,
      });
      return undefined;
    }
    const refusing = /^\/test-api\/refusing\/(\d{3})\/([a-z-]+)\/(?:(\w+):([\w-]+)\/)?/.exec(context.path);
    if (refusing) {
      const [, status, code, field, fieldCode] = refusing;
      context.status = Number(status);
      context.type = 'application/problem+json';
      context.body = JSON.stringify({
        type: `urn:sportello:problem:${code}`,
        title: code,
        status: Number(status),
        code,
        ...(field ? { field, errors: [{ field, code: fieldCode }] } : {}),
      });
      return undefined;
    }
    const match = /^\/test-api\/writes\/([\w-]+)$/.exec(context.path);
    if (!match) return next();
    const space = spaces.get(match[1]) ?? { writes: new Map(), attempts: 0 };
    spaces.set(match[1], space);
    if (context.method === 'GET') {
      context.type = 'json';
      context.body = JSON.stringify({ attempts: space.attempts, writes: [...space.writes.values()] });
      return undefined;
    }
    space.attempts += 1;
    const respond = Number(context.query.respond ?? 201);
    context.type = 'json';
    if (respond >= 400) {
      context.status = respond;
      if (context.query['retry-after']) context.set('Retry-After', String(context.query['retry-after']));
      context.body = JSON.stringify({ code: 'test-failure' });
      return undefined;
    }
    const key = context.get('Idempotency-Key');
    const body = await readBody(context.req);
    if (!space.writes.has(key)) space.writes.set(key, { key, body, deliveries: 0 });
    const write = space.writes.get(key);
    write.deliveries += 1;
    context.status = 201;
    context.body = JSON.stringify({ key, created: write.deliveries === 1 });
    return undefined;
  };
}
