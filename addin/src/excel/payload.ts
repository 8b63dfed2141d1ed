/**
 * Excel on the web rejects a request or response above 5 MB (RequestPayloadSizeLimitExceeded,
 * docs/excel/performance.md "Payload size limit best practices"). Writes are queued into
 * requests estimated below 4 MB: a value's JSON length with every non-ASCII character counted
 * as six bytes (the worst case, a \uXXXX escape), plus a fixed allowance per queued operation
 * for its object path and action.
 */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Object path (getRange with its address) and action of one queued operation. */
export const OP_BYTES = 300;
/** A single operation is split (by rows) above this, so that requests can be packed. */
export const MAX_OP_BYTES = 1_000_000;

export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let extra = 0;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) extra += 5;
  return json.length + extra;
}

/** The UTF-8 length of a value's JSON: what a response carries for it. */
export function utf8Bytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let n = json.length;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) continue;
    // Two bytes below U+0800, three above; a surrogate pair (two UTF-16 units) makes four.
    n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
  }
  return n;
}

/**
 * Queues operations on one request context and syncs only when the next operation would
 * take the request over the limit, or at `flush`. `onRequest` runs at the start of every
 * request (suspendApiCalculationUntilNextSync lasts until the next sync only).
 */
export class RequestBudget {
  /** context.sync calls made. */
  syncs = 0;
  /** Of those, the ones forced by the size limit. */
  chunks = 0;
  private pending = 0;

  constructor(
    private readonly ctx: { sync(): Promise<unknown> },
    private readonly onRequest: () => void = () => {},
    private readonly limit: number = MAX_REQUEST_BYTES,
  ) {}

  /** Call before queuing an operation of about `bytes` (OP_BYTES is added). */
  async reserve(bytes: number): Promise<void> {
    const need = bytes + OP_BYTES;
    if (this.pending > 0 && this.pending + need > this.limit) {
      await this.sync();
      this.chunks++;
    }
    if (this.pending === 0) {
      this.pending = OP_BYTES;
      this.onRequest();
    }
    this.pending += need;
  }

  /** Something is queued and not yet sent. */
  get open(): boolean {
    return this.pending > 0;
  }

  /** Sends what is queued (always syncs: reads queued outside the budget need it too). */
  async flush(): Promise<void> {
    await this.sync();
  }

  private async sync(): Promise<void> {
    this.pending = 0;
    this.syncs++;
    await this.ctx.sync();
  }
}
