// Registry certificates over the database: the contract's certificate operations (tag
// `certificate`), which hold across several instances on one PostgreSQL database.
//
// Issued once. A certificate that owes nothing is issued in the request's own transaction; one that
// owes the stamp waits for its notice and is issued by whichever request first finds the notice
// paid (getCertificateRequest, createCertificateDownloadLink), on any instance. Issuing is one
// guarded update, `set certificate_id = ... where id = ... and certificate_id is null`: PostgreSQL
// makes a concurrent update of the row wait for the first to commit and then re-checks the condition
// (false by then), SQLite has one writer at a time, so one update wins and the others change
// nothing and read the winner's certificate. `certificate_id` is unique besides. A request with an
// Idempotency-Key runs in the key's transaction (idempotency.ts): a retry gets the recorded request,
// never a second notice.
//
// Download links work once: a code of 192 random bits, stored as its SHA-256 only, claimed by one
// guarded update (`used_at_ms is null and expires_at_ms > now`); a second claim finds the row used.
//
// Online verifications are counted per client in the database (a keyed hash of the address, as
// booking counts wrong manage codes), under a lock per client, so the limit holds across instances.
//
// Off: without a registry provider (REGISTRY_PROVIDER=none) or a seal key (no SEAL_KEY_FILE outside
// demo mode), no certificate is made. listCertificateKinds then lists no kinds, so the element sends
// the citizen to the registry office without asking anything more; createCertificateRequest,
// createSelfDeclaration, getCertificateRequest and createCertificateDownloadLink answer 404 (not a
// 503, which would tell a client to try again later). What does not need a registry or a key goes on working:
// verifying certificates issued earlier, downloading through links made earlier, and publishing the
// public keys (getSealKeys answers 404 when there are none at all).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CERTIFICATE_KINDS,
  STAMP_DUTY_CENTS,
  certificateApplies,
  certificateFaceFor,
  certificateKind,
  certificatePdf,
  certificateRequestProblems,
  isPastValidity,
  newCertificateId,
  sealCertificate,
  selfDeclarationPdf,
  stampDue,
  type CertificateFace,
  type CertificateKindId,
  type IssuedCertificate,
  type RegistryFamily,
  type RegistryPerson,
  type SelfDeclarationData,
  type StampExemptionId,
} from '@sportello/core/certificates';
import {
  catalogueDueDate,
  notFound,
  problem,
  validationProblem,
  type ContractResponse,
  type Handler,
  type HandlerInput,
  type Schemas,
} from '@sportello/core/contract';
import { dateInRome } from '@sportello/core/node';
import { requestClients } from './booking.js';
import type { Database, Tables } from './database.js';
import type { PaymentProvider } from './payments.js';
import type { RegistryProvider } from './registry.js';
import type { SealKeys } from './seal-key.js';

type CertificateRequest = Schemas['CertificateRequest'];
type RequestRow = Tables['certificate_requests'];

const MINUTE_MS = 60_000;
/** How long a download link works (and it works once). */
export const DOWNLOAD_LINK_MS = 15 * MINUTE_MS;
/** Random bytes in a download code: 192 bits, 32 base64url characters. */
const DOWNLOAD_CODE_BYTES = 24;
/**
 * Online verifications allowed from one client in VERIFICATION_WINDOW_MS. Someone checking papers
 * (an employer, a bank's desk) types one identifier at a time: 30 a minute is more than a person
 * can type. It is not what keeps certificates from being found: identifiers carry 80 random bits,
 * so with, say, a million certificates issued, one guess in about 10^18 hits one, and a client kept
 * to 30 a minute needs longer than the universe's age for an even chance. The limit stops a client
 * from making the gateway work for it without end.
 */
export const VERIFICATIONS_PER_CLIENT = 30;
/** Verifications are counted over this window (their rows hold clients' keys: kept no longer). */
export const VERIFICATION_WINDOW_MS = MINUTE_MS;

/**
 * A request's registry answer once housekeeping has erased it (CERTIFICATE_DETAILS_DAYS after the
 * certificate was issued): the request is then unknown to its citizen; the certificate still verifies.
 */
export const ERASED = '';

/** What a request keeps of the registry's answer: the subject and their family, as they were. */
interface RegistrySnapshot {
  person: RegistryPerson;
  family: RegistryFamily;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const registryUnavailable = (): ContractResponse => ({
  status: 503,
  body: problem(503, 'registry-unavailable'),
});

/**
 * Requests that waited for their stamp since before `beforeMs` (CERTIFICATE_DETAILS_DAYS): their
 * notice is withdrawn, so that nobody pays for a certificate that will not be issued, and the
 * registry's answer they kept is erased (the citizen then finds the request unknown, and asks
 * again). One whose notice is paid, or being paid, is left to be issued. Resolves to how many.
 */
export async function abandonUnpaidRequests(
  database: Database,
  payments: PaymentProvider,
  beforeMs: number,
): Promise<number> {
  const waiting = await database
    .current()
    .selectFrom('certificate_requests')
    .select(['id', 'notice_creditor', 'notice_number'])
    .where('certificate_id', 'is', null)
    .where('registry', '<>', ERASED)
    .where('created_at', '<', new Date(beforeMs).toISOString())
    .execute();
  let abandoned = 0;
  for (const row of waiting) {
    abandoned += await database.transaction(async () => {
      if (row.notice_creditor && row.notice_number && payments.notices) {
        const ref = { creditorFiscalCode: row.notice_creditor, noticeNumber: row.notice_number };
        if (!(await payments.notices.cancelNotice(database, ref))) return 0;
      }
      const { numUpdatedRows } = await database
        .current()
        .updateTable('certificate_requests')
        .set({ registry: ERASED, exemption_reason: null })
        .where('id', '=', row.id)
        .where('certificate_id', 'is', null)
        .executeTakeFirst();
      return Number(numUpdatedRows);
    });
  }
  return abandoned;
}

export function certificateHandlers(
  database: Database,
  options: {
    now: () => number;
    /** Undefined: no registry here (REGISTRY_PROVIDER=none), and no certificates. */
    registry: RegistryProvider | undefined;
    sealKeys: SealKeys;
    payments: PaymentProvider;
    municipality: Pick<Schemas['Municipality'], 'name' | 'creditorFiscalCode'>;
    /** A registry that failed (for the log: what kind of failure, never whom it was about). */
    onRegistryError?: (error: unknown) => void;
  },
): Record<string, Handler> {
  const { registry, sealKeys, payments, municipality } = options;
  const signing = sealKeys.signing;
  const issuing = registry !== undefined && signing !== undefined;
  const { clientKey, lockKey } = requestClients(database);
  const iso = (ms: number) => new Date(ms).toISOString();

  /** The citizen's registry family, undefined when the registry does not know them; a 503 when it fails. */
  async function familyOf(citizen: string): Promise<RegistryFamily | undefined | ContractResponse> {
    try {
      const family = await registry!.familyOf(citizen);
      // A family is only the citizen's if they are in it.
      return family?.members.some((member) => member.fiscalCode === citizen) ? family : undefined;
    } catch (error) {
      options.onRegistryError?.(error);
      return registryUnavailable();
    }
  }

  /** The citizen and the subject in the citizen's family, or the answer refusing them. */
  async function familyMembers(
    citizen: string,
    subject: string,
  ): Promise<
    { declarant: RegistryPerson; person: RegistryPerson; family: RegistryFamily } | ContractResponse
  > {
    const family = await familyOf(citizen);
    if (family && 'status' in family) return family;
    const person = family?.members.find((member) => member.fiscalCode === subject);
    if (!family || !person) return { status: 403, body: problem(403, 'not-in-family') };
    return { declarant: family.members.find((member) => member.fiscalCode === citizen)!, person, family };
  }

  const snapshotOf = (row: RequestRow): RegistrySnapshot => JSON.parse(row.registry) as RegistrySnapshot;

  function viewOf(row: RequestRow): CertificateRequest {
    const { person } = snapshotOf(row);
    const face = row.face ? (JSON.parse(row.face) as CertificateFace) : undefined;
    return {
      id: row.id,
      kind: row.kind as CertificateKindId,
      subject: { fiscalCode: person.fiscalCode, givenName: person.givenName, familyName: person.familyName },
      use: row.use as CertificateRequest['use'],
      ...(row.exemption ? { exemption: row.exemption as StampExemptionId } : {}),
      ...(row.exemption_reason ? { exemptionReason: row.exemption_reason } : {}),
      status: row.certificate_id ? 'issued' : 'awaiting-stamp',
      ...(row.stamp_cents !== null && row.notice_creditor && row.notice_number
        ? {
            stamp: {
              amountCents: Number(row.stamp_cents),
              notice: { creditorFiscalCode: row.notice_creditor, noticeNumber: row.notice_number },
              paid: row.stamp_paid_at !== null,
            },
          }
        : {}),
      ...(row.certificate_id && face
        ? { certificate: { id: row.certificate_id, issuedOn: face.issuedOn, validUntil: face.validUntil } }
        : {}),
      createdAt: row.created_at,
    };
  }

  /** The citizen's own request: another citizen's is not found, as an unknown one. */
  const loadRequest = (id: string, citizen: string) =>
    database
      .current()
      .selectFrom('certificate_requests')
      .selectAll()
      .where('id', '=', id)
      .where('citizen', '=', citizen)
      .where('registry', '<>', ERASED)
      .executeTakeFirst();

  /**
   * Issues the request's certificate unless one was issued already (see the top of the file):
   * sealed here, kept only if this update is the one that sets `certificate_id`. Resolves to the
   * request as it is after, with whichever certificate won.
   */
  async function issue(row: RequestRow, stampPaidAt: string | null): Promise<RequestRow> {
    const now = options.now();
    const { person, family } = snapshotOf(row);
    const id = newCertificateId();
    const face = certificateFaceFor({
      kind: row.kind as CertificateKindId,
      person,
      family,
      issuedOn: dateInRome(now),
      issuer: municipality.creditorFiscalCode,
      id,
    });
    const seal = await sealCertificate(face, signing!.key, signing!.keyId);
    return database.transaction(async () => {
      const db = database.current();
      await db
        .updateTable('certificate_requests')
        .set({
          certificate_id: id,
          face: JSON.stringify(face),
          seal,
          issued_at: iso(now),
          stamp_paid_at: stampPaidAt,
        })
        .where('id', '=', row.id)
        .where('certificate_id', 'is', null)
        .execute();
      return db
        .selectFrom('certificate_requests')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
    });
  }

  /** Whether a certificate of these facts can be sealed (see SEAL_MAX_LENGTH). */
  async function fitsInSeal(
    facts: Pick<Parameters<typeof certificateFaceFor>[0], 'kind' | 'person' | 'family' | 'issuedOn'>,
  ) {
    const face = certificateFaceFor({
      ...facts,
      issuer: municipality.creditorFiscalCode,
      id: newCertificateId(),
    });
    try {
      await sealCertificate(face, signing!.key, signing!.keyId);
      return true;
    } catch (error) {
      if (error instanceof RangeError) return false;
      throw error;
    }
  }

  /** The request, issued now if it was waiting for its stamp and the stamp is paid. */
  async function settled(row: RequestRow): Promise<RequestRow> {
    if (row.certificate_id || !row.notice_creditor || !row.notice_number || !payments.notices) return row;
    const paidAt = await payments.notices.paidAt(database, {
      creditorFiscalCode: row.notice_creditor,
      noticeNumber: row.notice_number,
    });
    return paidAt ? issue(row, paidAt) : row;
  }

  /** A new link to download a document, good once for DOWNLOAD_LINK_MS. */
  async function downloadLink(
    link: Pick<Tables['certificate_downloads'], 'request_id' | 'self_declaration' | 'kind'>,
  ): Promise<ContractResponse> {
    const code = randomBytes(DOWNLOAD_CODE_BYTES).toString('base64url');
    const expiresAt = options.now() + DOWNLOAD_LINK_MS;
    await database
      .current()
      .insertInto('certificate_downloads')
      .values({ ...link, code_hash: sha256(code), expires_at_ms: expiresAt, used_at_ms: null })
      .execute();
    const body: Schemas['DownloadLink'] = {
      url: `/api/certificates/downloads/${code}`,
      expiresAt: iso(expiresAt),
    };
    return { status: 201, body };
  }

  /**
   * Counts one verification of the client asking, or answers 429 when it made VERIFICATIONS_PER_CLIENT
   * in the window: counting and recording are one step per client (its lock), across instances.
   */
  async function countVerification(): Promise<ContractResponse | undefined> {
    const now = options.now();
    const client = await clientKey();
    return database.transaction(async () => {
      await lockKey(`certificate-verifications:${client}`);
      const db = database.current();
      const { count, first } = await db
        .selectFrom('certificate_verifications')
        .select([(eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.min('verified_at_ms').as('first')])
        .where('client_key', '=', client)
        .where('verified_at_ms', '>', now - VERIFICATION_WINDOW_MS)
        .executeTakeFirstOrThrow();
      if (Number(count) >= VERIFICATIONS_PER_CLIENT) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((Number(first) + VERIFICATION_WINDOW_MS - now) / 1000),
        );
        return {
          status: 429,
          body: problem(429, 'rate-limited', { retryAfterSeconds }),
          headers: { 'Retry-After': String(retryAfterSeconds) },
        };
      }
      // Deleted once past the window (housekeeping.ts).
      await db
        .insertInto('certificate_verifications')
        .values({ client_key: client, verified_at_ms: now })
        .execute();
      return undefined;
    });
  }

  /** The PDF of a certificate as issued, from what its request keeps. */
  function issuedCertificate(row: RequestRow): IssuedCertificate {
    const { person, family } = snapshotOf(row);
    return {
      face: JSON.parse(row.face!) as CertificateFace,
      seal: row.seal!,
      person,
      family,
      use: row.use as IssuedCertificate['use'],
      ...(row.exemption ? { exemption: row.exemption as StampExemptionId } : {}),
      ...(row.exemption_reason ? { exemptionReason: row.exemption_reason } : {}),
      ...(row.stamp_cents !== null && row.notice_number && row.stamp_paid_at
        ? {
            stamp: {
              amountCents: Number(row.stamp_cents),
              noticeNumber: row.notice_number,
              paidAt: row.stamp_paid_at,
            },
          }
        : {}),
      issuerName: municipality.name,
    };
  }

  const notOnline = () => ({
    status: 404,
    body: problem(404, 'not-found', {
      detail: 'This municipality does not issue certificates online: ask at the registry office.',
    }),
  });

  return {
    // Where there is a registry, the family the certificate element lists ("for whom?") is the one
    // the rules above go by: the registry's, not the seeded table (which holds the demo's only).
    ...(registry
      ? {
          async getCitizen({ citizen }: HandlerInput): Promise<ContractResponse> {
            const family = await familyOf(citizen!);
            if (family && 'status' in family) return family;
            if (!family) {
              return {
                status: 404,
                body: problem(404, 'not-found', { detail: 'This citizen is not in the registry.' }),
              };
            }
            const self = family.members.find((member) => member.fiscalCode === citizen)!;
            const body: Schemas['Citizen'] = {
              fiscalCode: self.fiscalCode,
              givenName: self.givenName,
              familyName: self.familyName,
              birthDate: self.birthDate,
              family: family.members.map(
                ({ fiscalCode, givenName, familyName, birthDate, relationship }) => ({
                  fiscalCode,
                  givenName,
                  familyName,
                  birthDate,
                  relationship,
                }),
              ),
            };
            return { status: 200, body };
          },
        }
      : {}),

    async listCertificateKinds() {
      const body: Schemas['CertificateKindList'] = {
        kinds: issuing ? CERTIFICATE_KINDS.map(({ id, stamp, validity }) => ({ id, stamp, validity })) : [],
        stampOnline: issuing && payments.notices !== undefined,
        stampCents: STAMP_DUTY_CENTS,
      };
      return { status: 200, body };
    },

    async createCertificateRequest({ citizen, body }) {
      if (!issuing) return notOnline();
      const input = body as Schemas['CertificateRequestInput'];
      const problems = certificateRequestProblems(input);
      if (problems.length > 0) return { status: 400, body: validationProblem(problems) };
      const kind = certificateKind(input.kind)!;
      const members = await familyMembers(citizen!, input.subject);
      if ('status' in members) return members;
      const { person, family } = members;
      if (!certificateApplies(kind.id, person)) {
        return { status: 409, body: problem(409, 'certificate-not-applicable') };
      }
      const due = stampDue(kind, input.use);
      if (due && !payments.notices) return { status: 409, body: problem(409, 'stamp-not-online') };
      const now = options.now();
      // Sealed once as it would be, before any stamp is asked for: a face too long for a QR (a very
      // large family) is refused now, not after the citizen has paid for a certificate that cannot be
      // issued. The seal's length does not depend on the date or the identifier, both fixed in size.
      if (!(await fitsInSeal({ kind: kind.id, person, family, issuedOn: dateInRome(now) }))) {
        return {
          status: 409,
          body: problem(409, 'certificate-not-applicable', {
            detail: 'This certificate states more than its QR can carry: ask at the registry office.',
          }),
        };
      }
      return database.transaction(async () => {
        const notice = due
          ? await payments.notices!.createNotice(database, {
              creditorFiscalCode: municipality.creditorFiscalCode,
              payee: municipality.name,
              description: `Imposta di bollo - ${kind.name.it}`,
              amountCents: STAMP_DUTY_CENTS,
              dueDate: catalogueDueDate(now),
              // What it pays for, found from the request's side: no one's name or code.
              details: { certificateKind: kind.id },
            })
          : undefined;
        const row: RequestRow = {
          id: randomUUID(),
          citizen: citizen!,
          kind: kind.id,
          use: input.use,
          exemption: input.exemption ?? null,
          exemption_reason: input.exemptionReason?.trim() ?? null,
          registry: JSON.stringify({ person, family } satisfies RegistrySnapshot),
          stamp_cents: notice ? notice.amountCents : null,
          notice_creditor: notice?.creditorFiscalCode ?? null,
          notice_number: notice?.noticeNumber ?? null,
          created_at: iso(now),
          certificate_id: null,
          face: null,
          seal: null,
          issued_at: null,
          stamp_paid_at: null,
          revoked_at: null,
        };
        await database.current().insertInto('certificate_requests').values(row).execute();
        return { status: 201, body: viewOf(due ? row : await issue(row, null)) };
      });
    },

    async getCertificateRequest({ citizen, params }) {
      if (!issuing) return notFound();
      const row = await loadRequest(params.requestId!, citizen!);
      if (!row) return notFound();
      return { status: 200, body: viewOf(await settled(row)) };
    },

    async createCertificateDownloadLink({ citizen, params }) {
      if (!issuing) return notFound();
      const found = await loadRequest(params.requestId!, citizen!);
      if (!found) return notFound();
      const row = await settled(found);
      if (!row.certificate_id) return { status: 409, body: problem(409, 'stamp-unpaid') };
      if (row.revoked_at) {
        return {
          status: 404,
          body: problem(404, 'not-found', {
            detail: 'The registry office withdrew this certificate: ask for a new one.',
          }),
        };
      }
      return downloadLink({ request_id: row.id, self_declaration: null, kind: row.kind });
    },

    async createSelfDeclaration({ citizen, body }) {
      if (!issuing) return notOnline();
      const input = body as Schemas['SelfDeclarationInput'];
      const members = await familyMembers(citizen!, input.subject);
      if ('status' in members) return members;
      const notApplicable = input.kinds.filter((kind) => !certificateApplies(kind, members.person));
      if (notApplicable.length > 0) {
        return {
          status: 409,
          body: problem(409, 'certificate-not-applicable', {
            detail: `The registry holds nothing to declare for: ${notApplicable.join(', ')}.`,
          }),
        };
      }
      // Nothing is kept but the link, with what the document states until it is downloaded.
      const declaration: SelfDeclarationData = {
        ...members,
        kinds: input.kinds,
        date: dateInRome(options.now()),
        municipality: municipality.name,
      };
      return downloadLink({
        request_id: null,
        self_declaration: JSON.stringify(declaration),
        kind: 'self-declaration',
      });
    },

    async downloadCertificate({ params }) {
      const codeHash = sha256(params.code!);
      const now = options.now();
      const db = database.current();
      // The one statement that uses the link: of two downloads at once, one finds it unused.
      const claimed = await db
        .updateTable('certificate_downloads')
        .set({ used_at_ms: now })
        .where('code_hash', '=', codeHash)
        .where('used_at_ms', 'is', null)
        .where('expires_at_ms', '>', now)
        .returning(['request_id', 'self_declaration', 'kind'])
        .executeTakeFirst();
      if (!claimed) {
        const known = await db
          .selectFrom('certificate_downloads')
          .select('code_hash')
          .where('code_hash', '=', codeHash)
          .executeTakeFirst();
        return known ? { status: 410, body: problem(410, 'download-expired') } : notFound();
      }
      let pdf: Uint8Array;
      let filename: string;
      try {
        if (claimed.request_id) {
          const row = await db
            .selectFrom('certificate_requests')
            .selectAll()
            .where('id', '=', claimed.request_id)
            .executeTakeFirstOrThrow();
          // Withdrawn, or its details erased since the link was made: nothing to draw it from.
          if (row.revoked_at || row.registry === ERASED) {
            return { status: 410, body: problem(410, 'download-expired') };
          }
          pdf = await certificatePdf(issuedCertificate(row));
          filename = `certificato-${row.kind}.pdf`;
        } else {
          pdf = await selfDeclarationPdf(JSON.parse(claimed.self_declaration!) as SelfDeclarationData);
          filename = 'autocertificazione.pdf';
        }
      } catch (error) {
        // Not the citizen's fault: the link stays good for a retry within its time.
        await db
          .updateTable('certificate_downloads')
          .set({ used_at_ms: null })
          .where('code_hash', '=', codeHash)
          .execute();
        throw error;
      }
      // Downloaded: the self-declaration's data goes (the certificate's stays with its request).
      if (!claimed.request_id) {
        await db
          .updateTable('certificate_downloads')
          .set({ self_declaration: null })
          .where('code_hash', '=', codeHash)
          .execute();
      }
      return {
        status: 200,
        body: pdf,
        headers: {
          'Content-Type': 'application/pdf',
          // The kind only: the file's name carries nobody's name.
          'Content-Disposition': `attachment; filename="${filename}"`,
        },
      };
    },

    async verifyCertificate({ body }) {
      const limited = await countVerification();
      if (limited) return limited;
      const { id } = body as Schemas['CertificateVerificationInput'];
      const row = await database
        .current()
        .selectFrom('certificate_requests')
        .select(['face', 'revoked_at'])
        .where('certificate_id', '=', id)
        .executeTakeFirst();
      if (!row?.face) return { status: 404, body: problem(404, 'certificate-unknown') };
      const face = JSON.parse(row.face) as CertificateFace;
      const status = row.revoked_at
        ? 'revoked'
        : isPastValidity(face.validUntil, options.now())
          ? 'expired'
          : 'valid';
      return { status: 200, body: { status, face } satisfies Schemas['CertificateVerification'] };
    },

    async getSealKeys() {
      if (sealKeys.publicKeys.length === 0) return notFound();
      return { status: 200, body: { keys: sealKeys.publicKeys } satisfies Schemas['SealKeySet'] };
    },
  };
}

/**
 * Withdraws an issued certificate (`sportello-gateway certificate revoke`): online verification
 * then answers `revoked`. Resolves to false when no such certificate is issued, or it was withdrawn
 * already. `id`: the identifier in canonical form.
 */
export async function revokeCertificate(database: Database, id: string, now: number): Promise<boolean> {
  const revoked = await database
    .current()
    .updateTable('certificate_requests')
    .set({ revoked_at: new Date(now).toISOString() })
    .where('certificate_id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(revoked.numUpdatedRows) === 1;
}
