// The certificate operations in memory, over the demo registry: a tutorial or a demo runs the whole
// flow (the use, the stamp paid on the simulated checkout, the sealed PDF, its verification) with
// no server. The rules are the gateway's, and test/contract/certificates.node.test.ts holds both to
// them. A sandbox is a fresh town per page: its seal key is made on first use and lives as long as
// the page, so its certificates verify only against its own `getSealKeys`.
import {
  CERTIFICATE_KINDS,
  STAMP_DUTY_CENTS,
  certificateApplies,
  certificateFaceFor,
  certificateKind,
  certificatePdf,
  certificateRequestProblems,
  generateSealKeys,
  importSealSigningKey,
  isExpired,
  newCertificateId,
  sealCertificate,
  selfDeclarationPdf,
  stampDue,
  type CertificateFace,
  type CertificateKindId,
  type IssuedCertificate,
  type RegistryFamily,
  type RegistryPerson,
} from '@sportello/core/certificates';
import {
  notFound,
  problem,
  validationProblem,
  type ContractResponse,
  type Handler,
  type Schemas,
} from '@sportello/core/contract';
import { dateInRome, randomUuid } from '@sportello/core';
import { demoMunicipality, demoRegistry } from '@sportello/demo-data';
import type { SandboxNotices } from './payments.js';

type CertificateRequest = Schemas['CertificateRequest'];

/** How long a download link works, once: as the gateway's. */
const DOWNLOAD_MINUTES = 15;

interface StoredRequest {
  citizen: string;
  request: CertificateRequest;
  person: RegistryPerson;
  family: RegistryFamily;
  /** Once issued: what its PDF prints. */
  issued?: IssuedCertificate;
  /** While it is being issued: two calls at once issue it once. */
  issuing?: Promise<void>;
}

interface Download {
  expiresAt: number;
  used: boolean;
  document: () => Promise<Uint8Array>;
  /** What the file is called: its kind, never anyone's name. */
  fileName: string;
}

const ok = (status: number, body: unknown): ContractResponse => ({ status, body });
const refuse = (status: number, code: Parameters<typeof problem>[1]): ContractResponse => ({
  status,
  body: problem(status, code),
});
/** The certificate operations, with the stamp's notices made and paid through the sandbox's payments. */
export function sandboxCertificates(now: () => number, charges: SandboxNotices): Record<string, Handler> {
  const requests = new Map<string, StoredRequest>();
  const certificates = new Map<string, CertificateFace>();
  const downloads = new Map<string, Download>();
  let sealKeys: ReturnType<typeof makeSealKeys> | undefined;

  async function makeSealKeys() {
    // A key id of its own per page: a verify element that kept another page's key must not mix them.
    const keyId = `sandbox-${randomUuid().slice(0, 8)}`;
    const { privateJwk, publicJwk } = await generateSealKeys(keyId);
    return { keyId, publicJwk, signingKey: await importSealSigningKey(privateJwk) };
  }
  const keys = () => (sealKeys ??= makeSealKeys());

  /** The citizen's registry family and the member `subject` in it, or the refusal. */
  function memberOf(citizen: string, subject: string) {
    const family = demoRegistry.find((candidate) => candidate.members.some((m) => m.fiscalCode === citizen));
    const person = family?.members.find((member) => member.fiscalCode === subject);
    return family && person ? { family, person } : undefined;
  }

  async function issue(stored: StoredRequest, paidAt?: string): Promise<void> {
    const { request, person, family } = stored;
    const { keyId, signingKey } = await keys();
    const face = certificateFaceFor({
      kind: request.kind,
      person,
      family,
      issuedOn: dateInRome(now()),
      issuer: demoMunicipality.creditorFiscalCode,
      id: newCertificateId(),
    });
    const seal = await sealCertificate(face, signingKey, keyId);
    certificates.set(face.id, face);
    stored.issued = {
      face,
      seal,
      person,
      family,
      use: request.use,
      ...(request.exemption && { exemption: request.exemption }),
      ...(request.exemptionReason && { exemptionReason: request.exemptionReason }),
      ...(request.stamp &&
        paidAt && {
          stamp: {
            amountCents: request.stamp.amountCents,
            noticeNumber: request.stamp.notice.noticeNumber,
            paidAt,
          },
        }),
      issuerName: demoMunicipality.name,
    };
    stored.request = {
      ...request,
      status: 'issued',
      ...(request.stamp && { stamp: { ...request.stamp, paid: true } }),
      certificate: { id: face.id, issuedOn: face.issuedOn, validUntil: face.validUntil },
    };
  }

  function downloadLink(document: () => Promise<Uint8Array>, fileName: string): ContractResponse {
    // 122 random bits, and nothing else: the link may travel in a QR to a phone.
    const code = randomUuid().replaceAll('-', '');
    const expiresAt = now() + DOWNLOAD_MINUTES * 60_000;
    downloads.set(code, { expiresAt, used: false, document, fileName });
    const link: Schemas['DownloadLink'] = {
      url: `/api/certificates/downloads/${code}`,
      expiresAt: new Date(expiresAt).toISOString(),
    };
    return ok(201, link);
  }

  /** The citizen's own request, issued now if its stamp was paid meanwhile; others' are not found. */
  async function ownRequest(citizen: string | undefined, id: string | undefined) {
    const stored = id ? requests.get(id) : undefined;
    if (!stored || stored.citizen !== citizen) return undefined;
    if (stored.request.status === 'awaiting-stamp') {
      const paidAt = charges.paidAt(stored.request.stamp!.notice);
      if (paidAt) await (stored.issuing ??= issue(stored, paidAt));
    }
    return stored;
  }

  return {
    async listCertificateKinds() {
      const list: Schemas['CertificateKindList'] = {
        kinds: CERTIFICATE_KINDS.map(({ id, stamp, validity }) => ({ id, stamp, validity })),
        stampOnline: true,
        stampCents: STAMP_DUTY_CENTS,
      };
      return ok(200, list);
    },

    async createCertificateRequest({ citizen, body }) {
      const input = body as Schemas['CertificateRequestInput'];
      const problems = certificateRequestProblems(input);
      if (problems.length > 0) return { status: 400, body: validationProblem(problems) };
      const member = memberOf(citizen!, input.subject);
      if (!member) return refuse(403, 'not-in-family');
      const { person, family } = member;
      if (!certificateApplies(input.kind, person)) return refuse(409, 'certificate-not-applicable');
      const kind = certificateKind(input.kind)!;
      const request: CertificateRequest = {
        id: randomUuid(),
        kind: input.kind,
        subject: {
          fiscalCode: person.fiscalCode,
          givenName: person.givenName,
          familyName: person.familyName,
        },
        use: input.use,
        ...(input.exemption && { exemption: input.exemption }),
        ...(input.exemptionReason && { exemptionReason: input.exemptionReason.trim() }),
        status: 'awaiting-stamp',
        createdAt: new Date(now()).toISOString(),
      };
      const stored: StoredRequest = { citizen: citizen!, request, person, family };
      if (stampDue(kind, input.use)) {
        // What the notice is for, and nothing about whom: payees and receipts show the description.
        const notice = charges.createNotice({
          description: `Imposta di bollo - ${kind.name.it}`,
          amountCents: STAMP_DUTY_CENTS,
        });
        request.stamp = {
          amountCents: STAMP_DUTY_CENTS,
          notice: { creditorFiscalCode: notice.creditorFiscalCode, noticeNumber: notice.noticeNumber },
          paid: false,
        };
      } else {
        await issue(stored);
      }
      requests.set(request.id, stored);
      return ok(201, stored.request);
    },

    async getCertificateRequest({ citizen, params }) {
      const stored = await ownRequest(citizen, params.requestId);
      return stored ? ok(200, stored.request) : notFound();
    },

    async createCertificateDownloadLink({ citizen, params }) {
      const stored = await ownRequest(citizen, params.requestId);
      if (!stored) return notFound();
      const issued = stored.issued;
      if (!issued) return refuse(409, 'stamp-unpaid');
      return downloadLink(() => certificatePdf(issued), `certificato-${issued.face.kind}.pdf`);
    },

    async createSelfDeclaration({ citizen, body }) {
      const input = body as Schemas['SelfDeclarationInput'];
      const member = memberOf(citizen!, input.subject);
      const declarant = memberOf(citizen!, citizen!)?.person;
      if (!member || !declarant) return refuse(403, 'not-in-family');
      const { person, family } = member;
      if (!input.kinds.every((kind) => certificateApplies(kind, person))) {
        return refuse(409, 'certificate-not-applicable');
      }
      const data = {
        declarant,
        person,
        family,
        kinds: input.kinds as CertificateKindId[],
        date: dateInRome(now()),
        municipality: family.municipality,
      };
      return downloadLink(() => selfDeclarationPdf(data), 'autocertificazione.pdf');
    },

    async downloadCertificate({ params }) {
      const download = downloads.get(params.code!);
      if (!download) return notFound();
      if (download.used || now() >= download.expiresAt) return refuse(410, 'download-expired');
      download.used = true;
      return {
        status: 200,
        body: await download.document(),
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${download.fileName}"`,
          'Cache-Control': 'no-store',
        },
      };
    },

    async verifyCertificate({ body }) {
      const face = certificates.get((body as Schemas['CertificateVerificationInput']).id);
      if (!face) return refuse(404, 'certificate-unknown');
      const verification: Schemas['CertificateVerification'] = {
        status: isExpired(face, now()) ? 'expired' : 'valid',
        face: { ...face, facts: { ...face.facts } },
      };
      return ok(200, verification);
    },

    async getSealKeys() {
      const { publicJwk } = await keys();
      // generateSealKeys spells `alg` EdDSA, as the contract's schema allows.
      const keySet: Schemas['SealKeySet'] = { keys: [publicJwk] };
      return ok(200, keySet);
    },
  };
}
