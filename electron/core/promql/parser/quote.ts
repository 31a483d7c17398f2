// Go-compatible string quoting and unquoting (strconv.Quote / QuoteRune / %#U, Prometheus's strutil.Unquote), so
// printed queries and error messages read exactly like Prometheus's. Never throws except where documented.
//
// Raw bytes that are not valid UTF-8 (a string literal like "a\xc5z") cannot live in a JS string. They are kept as
// lone low surrogates U+DC80..U+DCFF, one per byte (Python's "surrogateescape"), so nothing is lost: goQuote prints
// them back as \xNN and isValidUtf8 reports them.

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's unicode.IsPrint (letters, marks, numbers, punctuation, symbols and the ASCII space). */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

/** True for a string with no escaped raw bytes and no lone surrogates. */
export function isValidUtf8(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return false;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function escapeCodePoint(cp: number, quote: string): string {
  if (cp === quote.charCodeAt(0) || cp === 0x5c) return '\\' + String.fromCodePoint(cp);
  if (isPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp >= 0xdc80 && cp <= 0xdcff) return '\\x' + hex(cp - 0xdc00, 2);
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeCodePoint(ch.codePointAt(0)!, '"');
  return out + '"';
}

/** Go's strconv.QuoteRune ('x'). */
export function goQuoteRune(cp: number): string {
  return "'" + escapeCodePoint(cp, "'") + "'";
}

/** Go's %#U: U+0063 'c' (the quoted rune only when printable). */
export function goUnicode(cp: number): string {
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** Go's %.10q: the first 10 runes, quoted, then "...". */
export function goQuoteTruncated(s: string, runes: number): string {
  return goQuote(Array.from(s).slice(0, runes).join(''));
}

/** Decode UTF-8 bytes; invalid bytes become U+DC80+byte (see the file comment). */
/** Continuation count, payload mask and smallest code point for a UTF-8 lead byte; null for an invalid lead. */
function utf8Lead(b: number): [need: number, mask: number, min: number] | null {
  if (b >= 0xc2 && b <= 0xdf) return [1, 0x1f, 0x80];
  if (b >= 0xe0 && b <= 0xef) return [2, 0x0f, 0x800];
  if (b >= 0xf0 && b <= 0xf4) return [3, 0x07, 0x10000];
  return null;
}

function decodeBytes(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const lead = utf8Lead(b);
    let ok = lead !== null && i + lead[0] < bytes.length;
    let cp = lead ? b & lead[1] : 0;
    for (let k = 1; ok && lead && k <= lead[0]; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && lead && cp >= lead[2] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      out += String.fromCodePoint(cp);
      i += lead[0] + 1;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    }
  }
  return out;
}

const utf8 = new TextEncoder();

/**
 * Prometheus's strutil.Unquote: a "…", '…' or `…` literal with Go escapes (single-quoted strings may hold many
 * characters). Throws Error with Go's wording ("invalid syntax") when the literal is malformed; the lexer has
 * normally rejected such input before.
 */
export function unquote(lit: string): string {
  const n = lit.length;
  if (n < 2) throw new Error('invalid syntax');
  const q = lit[0];
  if (q !== lit[n - 1]) throw new Error('invalid syntax');
  const body = lit.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) throw new Error('invalid syntax');
    return body.replaceAll('\r', '');
  }
  if (q !== '"' && q !== "'") throw new Error('invalid syntax');
  if (!body.includes('\\') && !body.includes(q)) return body;
  // Escapes like \xff produce raw bytes, so build a byte buffer and decode once at the end.
  const bytes: number[] = [];
  const pushString = (s: string): void => {
    for (const b of utf8.encode(s)) bytes.push(b);
  };
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === q) throw new Error('invalid syntax');
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (cp >= 0xdc80 && cp <= 0xdcff) bytes.push(cp - 0xdc00);
      else pushString(body.slice(i, i + len));
      i += len;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        bytes.push(7);
        break;
      case 'b':
        bytes.push(8);
        break;
      case 'f':
        bytes.push(12);
        break;
      case 'n':
        bytes.push(10);
        break;
      case 'r':
        bytes.push(13);
        break;
      case 't':
        bytes.push(9);
        break;
      case 'v':
        bytes.push(11);
        break;
      case '\\':
        bytes.push(0x5c);
        break;
      case "'":
      case '"':
        if (e !== q) throw new Error('invalid syntax');
        bytes.push(e.charCodeAt(0));
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const digits = body.slice(i, i + len);
        if (digits.length !== len || !/^[0-9a-fA-F]+$/.test(digits)) throw new Error('invalid syntax');
        const v = parseInt(digits, 16);
        i += len;
        if (e === 'x') bytes.push(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) throw new Error('invalid syntax');
          pushString(String.fromCodePoint(v));
        }
        break;
      }
      default: {
        if (e >= '0' && e <= '7') {
          const digits = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(digits)) throw new Error('invalid syntax');
          const v = parseInt(digits, 8);
          if (v > 255) throw new Error('invalid syntax');
          bytes.push(v);
          i += 2;
          break;
        }
        throw new Error('invalid syntax');
      }
    }
  }
  return decodeBytes(bytes);
}
