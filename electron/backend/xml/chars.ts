/**
 * XML 1.0 can carry only Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 * Anything else (NUL, most C0 controls, U+FFFE/U+FFFF, lone surrogates) cannot be
 * written at all, not even as a character reference, so both directions refuse it.
 */

// Matches one character outside the XML 1.0 Char production ('u' mode pairs surrogates first).
const ILLEGAL_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** The first character XML 1.0 cannot carry, described for an error message, or null. */
export function findIllegalXmlChar(value: string): string | null {
  const m = ILLEGAL_XML_CHAR.exec(value);
  if (!m) return null;
  const code = m[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at offset ${m.index}`;
}

/** True when a code point may appear in an XML 1.0 document (also via &#N;). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

// XML Name (with an optional namespace prefix), restricted to the ASCII subset libvirt uses.
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(:[A-Za-z_][A-Za-z0-9_.-]*)?$/;

/** True for an element or attribute name the builder will emit. */
export function isXmlName(name: string): boolean {
  return XML_NAME.test(name);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five predefined entities and numeric character references, and
 * nothing else: documents with a DTD are refused before this runs, so any other
 * `&name;` is malformed and `onError` is told so.
 */
export function decodeEntities(raw: string, onError: (message: string) => never): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) onError(`bare "&" in text or attribute value near "${whole.slice(0, 12)}"`);
    const named = NAMED_ENTITIES[body];
    if (named !== undefined) return named;
    const num = /^#x([0-9A-Fa-f]{1,6})$/.exec(body) ?? /^#([0-9]{1,7})$/.exec(body);
    if (!num) return onError(`unknown entity "&${body};"`);
    const code = body[1] === 'x' ? parseInt(num[1]!, 16) : parseInt(num[1]!, 10);
    if (!isXmlChar(code)) return onError(`character reference "&${body};" is not allowed in XML 1.0`);
    return String.fromCodePoint(code);
  });
}

/** True when the string holds any C0 control character or DEL (tab and newline included). */
export function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
