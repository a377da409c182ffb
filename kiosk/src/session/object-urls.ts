// Object URLs keep a Blob alive (a receipt's PDF, an .ics file, a camera frame) for as long as the
// page lives, and the kiosk's page lives for days: every one made during a session is revoked at
// its end. The page's URL.createObjectURL is wrapped once, at start, to know them.

const live = new Set<string>();
/** Revoked at the last session end: the self-check proves each can no longer be read. */
let revoked: string[] = [];
let tracking = false;

/** Records every object URL the page creates from now on (idempotent). */
export function trackObjectUrls(): void {
  if (tracking) return;
  tracking = true;
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create(object);
    live.add(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    live.delete(url);
    revoke(url);
  };
}

/** Revokes every object URL made since tracking began and not yet revoked. */
export function revokeObjectUrls(): void {
  revoked = [...live];
  for (const url of revoked) URL.revokeObjectURL(url);
}

/** Object URLs made and not revoked. */
export const liveObjectUrls = (): string[] => [...live];

/** The object URLs revoked at the last session end. */
export const revokedObjectUrls = (): string[] => revoked;
