/** Office.js errors (OfficeExtension.Error) carry a string `code`. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = (e as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** The 5 MB request or response limit of Excel on the web was hit. */
export function isPayloadLimit(e: unknown): boolean {
  const code = errorCode(e) ?? '';
  const message = e instanceof Error ? e.message : '';
  return /PayloadSizeLimitExceeded/i.test(code) || /PayloadSizeLimitExceeded/i.test(message);
}
