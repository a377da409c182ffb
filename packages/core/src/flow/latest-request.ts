/**
 * Only the newest answer of a kind is applied: a slow answer for the day chosen before never
 * replaces the list of the day chosen now, and a camera that opens after the citizen cancelled
 * and opened it again is not kept.
 *
 * ```ts
 * private readonly timesRequest = new LatestRequest();
 * const isLatest = this.timesRequest.begin();
 * const answer = await api.get('/api/booking/slots', { query });
 * if (!isLatest()) return; // another day was chosen since
 * ```
 */
export class LatestRequest {
  private newest = 0;

  /** Starts a request of this kind; the function it returns says whether it is still the newest. */
  begin(): () => boolean {
    const mine = ++this.newest;
    return () => mine === this.newest;
  }

  /** No request started so far is the newest any more: their answers are not applied. */
  abandon(): void {
    this.newest++;
  }
}
