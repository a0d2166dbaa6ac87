/**
 * The two ways libvirt XML handling fails: a document that cannot be read
 * (malformed, unexpected root, a value that is not what its schema says) and a
 * spec that cannot be written (a name with a slash, a relative path, a size of
 * zero). Both carry the offending field so callers can point the user at it.
 */

/** A document from libvirt (or elsewhere) could not be read into a model. */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column ?? 0})`);
  }
}

/** A spec handed to a builder is invalid; `field` names the offending property. */
export class XmlSpecError extends Error {
  override readonly name = 'XmlSpecError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
