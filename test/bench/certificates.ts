// The gateway's time to issue a certificate: the request (registry lookup, face, Ed25519 seal,
// stored in one transaction), its download link, and the PDF drawn (fonts subset and embedded, the
// verification QR), over HTTP on SQLite, as a citizen's "download" waits for it. An exempt family
// certificate for the demo couple's child: the largest face the demo prints, and no stamp to pay.
import { median } from './render.js';

const RUNS = 21;
const WARM_UP = 3;

/** Milliseconds from asking for the certificate to the last byte of its PDF (median of RUNS). */
export async function certificateIssueTime(base: string): Promise<number> {
  const signIn = await fetch(`${base}/demo-login/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fiscalCode: 'BNCGLU85L62H501D' }),
  });
  if (!signIn.ok) throw new Error(`demo sign-in failed with ${signIn.status}`);
  const { access_token: token } = (await signIn.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const times: number[] = [];
  for (let run = -WARM_UP; run < RUNS; run++) {
    const started = performance.now();
    const request = await fetch(`${base}/api/certificates/requests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'family-with-kinship',
        subject: 'VRDSFO16D49H501H',
        use: 'exempt',
        exemption: 'court-case',
      }),
    });
    if (request.status !== 201) throw new Error(`certificate request answered ${request.status}`);
    const { id, status } = (await request.json()) as { id: string; status: string };
    if (status !== 'issued') throw new Error(`an exempt certificate was not issued at once (${status})`);
    const link = await fetch(`${base}/api/certificates/requests/${id}/download-links`, {
      method: 'POST',
      headers: { Authorization: headers.Authorization },
    });
    const { url } = (await link.json()) as { url: string };
    const pdf = await fetch(`${base}${url}`);
    if (pdf.headers.get('content-type') !== 'application/pdf') throw new Error('the download is not a PDF');
    await pdf.arrayBuffer();
    if (run >= 0) times.push(performance.now() - started);
  }
  return median(times);
}
