import type { ContractResponse } from '@sportello/core/contract';

/** A refusal found half-way through a transaction: thrown to undo what was done, then answered. */
export class Refusal extends Error {
  constructor(readonly response: ContractResponse) {
    super('refused');
  }
}

/** Runs `work` (a transaction, usually) and answers a `Refusal` it throws with the refusal's response. */
export async function refusable(work: () => Promise<ContractResponse>): Promise<ContractResponse> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error.response;
    throw error;
  }
}
