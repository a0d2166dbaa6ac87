/** A payload that does not follow the XDR layout it was decoded with. */
export class XdrError extends Error {
  override readonly name = 'XdrError';
}
