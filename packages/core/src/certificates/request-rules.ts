// The rules of a certificate request that its schema cannot say, checked alike by the gateway and
// the sandbox (and answered as the contract's 400 validation-failed, naming the field).
import type { FieldProblem, Schemas } from '../api/contract.js';
import { exemptionReasonProblem } from './uses.js';

/**
 * What is wrong with a request's use, exemption and reason: an exempt use names its exemption, and
 * "another exemption" its reason (not spaces only; longer than the limit is the schema's to refuse,
 * in characters); an exemption or a reason where none belongs is refused too. Empty when fine.
 */
export function certificateRequestProblems(input: Schemas['CertificateRequestInput']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const exempt = input.use === 'exempt';
  if (exempt && input.exemption === undefined) {
    problems.push({ field: 'exemption', code: 'required', message: 'is required for an exempt use' });
  }
  if (!exempt && input.exemption !== undefined) {
    problems.push({ field: 'exemption', code: 'not-allowed', message: 'is only for an exempt use' });
  }
  if (exempt && input.exemption === 'other') {
    if (exemptionReasonProblem(input.exemptionReason)) {
      problems.push({
        field: 'exemptionReason',
        code: 'required',
        message: 'is required for another exemption: say why, with the law',
      });
    }
  } else if (input.exemptionReason !== undefined) {
    problems.push({ field: 'exemptionReason', code: 'not-allowed', message: 'is only for exemption other' });
  }
  return problems;
}
