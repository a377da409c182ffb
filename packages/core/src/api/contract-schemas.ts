// The validators of every schema in the contract, responses included: for implementations that
// check their own answers before sending them (the gateway always does; the sandbox in the contract
// tests). Kept apart from the request validators so the in-browser sandbox does not download them.
import * as schemas from './contract-schemas.generated.js';
import { checkWith, type FieldProblem, type RequestPart } from './contract.js';

/** Validates `data` against a schema of the contract (`Appointment`, `Problem`...) or a response validator. */
export function checkSchema(validator: string, data: unknown, part: RequestPart = 'body'): FieldProblem[] {
  return checkWith(schemas, validator, data, part);
}
