// Keeps secrets out of every message: strips URL userinfo and replaces known secret strings with "<redacted>".
// Anything that may reach an error, a log line or the UI goes through here; it must never return a secret.

/** A URL as text without userinfo (user:pass@); invalid URLs are reduced to a placeholder rather than echoed. */
export function stripUserinfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@\s]*@/g, '//');
  }
}

/** host:port of a URL, without userinfo. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '<invalid url>';
  }
}

/** A set of secret strings to scrub; very short ones (< 4 chars) only as whole words, so text stays readable. */
export class SecretSet {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined | null): void {
    if (!secret) return;
    this.secrets.add(secret);
    const trimmed = secret.trim();
    if (trimmed && trimmed !== secret) this.secrets.add(trimmed);
    // Basic auth travels base64-encoded; URL userinfo percent-encoded.
    this.secrets.add(encodeURIComponent(secret));
  }

  addAll(secrets: Iterable<string | undefined>): void {
    for (const s of secrets) this.add(s);
  }

  /** Replace every known secret and any URL userinfo in text. */
  redact(text: string): string {
    let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
    // Longest first, so a secret containing another is removed whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (s.length >= 4) out = out.split(s).join('<redacted>');
      else out = out.replace(new RegExp(`(?<![\\w])${escapeRegExp(s)}(?![\\w])`, 'g'), '<redacted>');
    }
    return out;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
