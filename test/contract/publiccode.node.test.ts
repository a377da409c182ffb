// publiccode.yml (what Developers Italia's catalogue reads) checked against the standard's published
// JSON schema, a copy of which is kept beside this test with its source (publiccode/README.md): no
// validator for the standard is on npm. The schema leaves a few of the standard's rules to prose;
// the ones a mistake here would break are checked after it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const schema = JSON.parse(
  readFileSync(new URL('./publiccode/publiccode.schema.json', import.meta.url), 'utf8'),
) as object;
const publiccode = parse(readFileSync(new URL('../../publiccode.yml', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  license: string;
};

// strict: false because the schema uses the `deprecated` annotation, which draft-07 lacks.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `document`, one line each, or none. */
function problems(document: unknown): string[] {
  return validate(document)
    ? []
    : (validate.errors ?? []).map(
        (error: ErrorObject) =>
          `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
      );
}

describe('publiccode.yml', () => {
  it('is valid against the publiccode.yml JSON schema', () => {
    assert.deepEqual(problems(publiccode), []);
  });

  it('fails the schema when a required key is missing (the check can fail)', () => {
    for (const key of ['name', 'legal', 'maintenance']) {
      const { [key]: _removed, ...broken } = publiccode;
      assert.ok(
        problems(broken).some((problem) => problem.includes(`"missingProperty":"${key}"`)),
        `without ${key}: ${problems(broken).join('; ') || 'no error'}`,
      );
    }
    const description = structuredClone(publiccode.description) as Record<string, Record<string, unknown>>;
    delete description.it!.shortDescription;
    assert.ok(
      problems({ ...publiccode, description }).some((problem) =>
        problem.startsWith('/description/it must have required property'),
      ),
    );
    // Formats are checked (strict: false would let an unknown format pass silently).
    const maintenance = structuredClone(publiccode.maintenance) as { contacts: { email: string }[] };
    maintenance.contacts[0]!.email = 'not an address';
    assert.ok(
      problems({ ...publiccode, maintenance }).some((problem) => problem.includes('"format":"email"')),
    );
  });

  it('keeps what the schema leaves to the standard’s prose', () => {
    const { maintenance, description, localisation, legal } = publiccode as {
      maintenance: { type: string; contacts?: unknown[]; contractors?: unknown[] };
      description: Record<string, { longDescription?: string; features?: string[] }>;
      localisation: { availableLanguages: string[] };
      legal: { license: string };
    };
    // Community and internal maintenance name their contacts; only contract maintenance has contractors.
    assert.ok((maintenance.contacts ?? []).length > 0);
    assert.equal(maintenance.contractors, undefined);
    // A long description and features in each language the software speaks.
    assert.deepEqual(Object.keys(description).sort(), [...localisation.availableLanguages].sort());
    for (const [language, text] of Object.entries(description)) {
      assert.ok(
        (text.longDescription ?? '').length >= 500,
        `${language}: longDescription under 500 characters`,
      );
      assert.ok((text.features ?? []).length >= 5, `${language}: fewer than 5 features`);
    }
    // The license the packages are published under.
    assert.equal(legal.license, packageJson.license);
  });
});
