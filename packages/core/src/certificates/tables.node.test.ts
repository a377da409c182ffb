import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CERTIFICATE_KINDS,
  CERTIFICATE_USES,
  EXEMPTION_REASON_MAX,
  EXEMPTION_REASON_MESSAGES,
  HISTORICAL_CERTIFICATES,
  STAMP_EXEMPTIONS,
  VALIDITY_EXPLANATIONS,
  certificateKind,
  certificateValidUntil,
  exemptionReasonProblem,
  formatCertificateId,
  inLanguage,
  isPastValidity,
  newCertificateId,
  normaliseCertificateId,
  stampDue,
  stampExemption,
  type LocalText,
} from '@sportello/core/certificates';

function everyText(value: unknown, found: LocalText[] = []): LocalText[] {
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 2 && keys.includes('it') && keys.includes('en')) found.push(value as LocalText);
    else for (const child of Object.values(value)) everyText(child, found);
  }
  return found;
}

describe('certificate kinds', () => {
  it('are the 14 kinds ANPR issues online, each once, with a kebab-case id', () => {
    assert.equal(CERTIFICATE_KINDS.length, 14);
    const ids = CERTIFICATE_KINDS.map((kind) => kind.id);
    assert.equal(new Set(ids).size, 14);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
    assert.equal(certificateKind('family')?.name.it, 'Certificato di stato di famiglia');
    assert.equal(certificateKind('stato-di-famiglia'), undefined);
    assert.equal(certificateKind('toString'), undefined);
  });

  it('never ask a stamp for birth and marriage extracts, and only birth never expires', () => {
    const never = CERTIFICATE_KINDS.filter((kind) => kind.stamp === 'never').map((kind) => kind.id);
    assert.deepEqual(never.sort(), ['birth', 'marriage']);
    const unlimited = CERTIFICATE_KINDS.filter((kind) => kind.validity === 'unlimited').map(
      (kind) => kind.id,
    );
    assert.deepEqual(unlimited, ['birth']);
  });

  it('say every word in Italian and English, short enough for one line', () => {
    const texts = everyText([CERTIFICATE_KINDS, CERTIFICATE_USES, STAMP_EXEMPTIONS, HISTORICAL_CERTIFICATES]);
    // A name and an explanation per kind, a label and a hint per use, a label and a law per exemption.
    assert.equal(texts.length, 14 * 2 + 3 * 2 + 11 * 2 + 1);
    for (const text of [
      ...texts,
      ...everyText(VALIDITY_EXPLANATIONS),
      ...everyText(EXEMPTION_REASON_MESSAGES),
    ]) {
      assert.ok(text.it.trim() && text.en.trim(), JSON.stringify(text));
      assert.notEqual(text.it, text.en, `not translated: ${text.it}`);
    }
    for (const kind of CERTIFICATE_KINDS) {
      assert.ok(kind.explanation.it.length <= 100, kind.explanation.it);
      assert.ok(kind.explanation.en.length <= 100, kind.explanation.en);
    }
    assert.equal(inLanguage(HISTORICAL_CERTIFICATES, 'en').startsWith('Historical'), true);
  });

  it('are valid six months to the same day, or to the last day of a shorter month', () => {
    const family = certificateKind('family')!;
    assert.equal(certificateValidUntil(family, '2026-12-07'), '2027-06-07');
    assert.equal(certificateValidUntil(family, '2026-08-31'), '2027-02-28');
    assert.equal(certificateValidUntil(family, '2027-08-31'), '2028-02-29');
    assert.equal(certificateValidUntil(certificateKind('birth')!, '2026-12-07'), null);
  });

  it('expire when the day in Rome is past the last valid day', () => {
    // 2027-06-07 22:30 UTC is already 8 June in Rome (summer time).
    assert.equal(isPastValidity('2027-06-07', Date.parse('2027-06-07T21:59:00Z')), false);
    assert.equal(isPastValidity('2027-06-07', Date.parse('2027-06-07T22:30:00Z')), true);
    assert.equal(isPastValidity(null, Date.parse('2090-01-01T00:00:00Z')), false);
  });
});

describe('what the certificate is for', () => {
  it('sends a public office to the free self-declaration, saying why with art. 40 and 46 in mind', () => {
    const office = CERTIFICATE_USES.find((use) => use.id === 'public-office')!;
    assert.equal(office.document, 'self-declaration');
    assert.match(office.hint.it, /autocertificazione/);
    assert.match(office.hint.en, /self-declaration/);
  });

  it('owes the stamp only for a private party and a kind that is not exempt by nature', () => {
    const family = certificateKind('family')!;
    const birth = certificateKind('birth')!;
    assert.equal(stampDue(family, 'private-party'), true);
    assert.equal(stampDue(family, 'exempt'), false);
    assert.equal(stampDue(family, 'public-office'), false);
    assert.equal(stampDue(birth, 'private-party'), false);
  });

  it('lists ANPR’s coded exemptions (table 39) with their law, and only "other" asks a reason', () => {
    assert.deepEqual(
      STAMP_EXEMPTIONS.map((exemption) => exemption.anprCode).sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99],
    );
    assert.equal(stampExemption('separation-divorce')?.reference.it, 'Legge 74/1987, articolo 19');
    assert.equal(stampExemption('court-case')?.anprCode, 3);
    assert.deepEqual(
      STAMP_EXEMPTIONS.filter((exemption) => exemption.needsReason).map((exemption) => exemption.anprCode),
      [99],
    );
    for (const exemption of STAMP_EXEMPTIONS) assert.match(exemption.id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('refuses "another exemption" without a reason or with one over 256 characters', () => {
    assert.equal(exemptionReasonProblem(undefined), 'reason-missing');
    assert.equal(exemptionReasonProblem('   \n'), 'reason-missing');
    assert.equal(exemptionReasonProblem('Domanda di borsa di studio, DPR 642/1972'), undefined);
    assert.equal(exemptionReasonProblem('a'.repeat(EXEMPTION_REASON_MAX)), undefined);
    assert.equal(exemptionReasonProblem(` ${'a'.repeat(EXEMPTION_REASON_MAX)} `), undefined);
    assert.equal(exemptionReasonProblem('a'.repeat(EXEMPTION_REASON_MAX + 1)), 'reason-too-long');
    // 256 accented letters and emoji are 256 characters, though more UTF-16 units.
    assert.equal(exemptionReasonProblem('è😀'.repeat(128)), undefined);
    assert.match(EXEMPTION_REASON_MESSAGES['reason-too-long'].it, /\{max\}/);
  });
});

describe('certificate identifiers', () => {
  it('carry 80 random bits in 16 characters people can copy by hand', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newCertificateId()));
    assert.equal(ids.size, 2000);
    for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{16}$/);
    // Every character of the alphabet turns up: 5 bits each, none wasted.
    assert.equal(new Set([...ids].join('')).size, 32);
  });

  it('read back as typed: any case, spaces and hyphens, O for 0, I or L for 1', () => {
    const id = '7K3MQ9TX2B4DHV81';
    assert.equal(formatCertificateId(id), '7K3M-Q9TX-2B4D-HV81');
    assert.equal(normaliseCertificateId('7k3m q9tx-2b4d hv8l'), id);
    assert.equal(normaliseCertificateId(' 7K3M-Q9TX-2B4D-HV8I '), id);
    assert.equal(normaliseCertificateId('7K3M-Q9TX-2B4D-HV8'), undefined);
    assert.equal(normaliseCertificateId('7K3M-Q9TX-2B4D-HV8U'), undefined);
  });
});
