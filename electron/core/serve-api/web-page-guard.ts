// A loopback serve-api without a token must not be usable by web pages the user has open: any page can make the
// browser send a GET or a form POST to 127.0.0.1 (no CORS preflight for those). Browsers say where a request
// comes from (`Origin`, `Sec-Fetch-Site`); Grafana's server-side proxy, promtool and curl send neither, so
// refusing what a browser marks as coming from another site keeps every legitimate client working.

/** Why a request is refused as sent by a web page, or undefined when it is not one (or is our own origin). */
export function webPageRefusal(headers: { origin?: string; 'sec-fetch-site'?: string | string[]; host?: string }): string | undefined {
  const site = headers['sec-fetch-site'];
  const siteValue = Array.isArray(site) ? site[0] : site;
  // "none": the user typed the URL or opened a bookmark; "same-origin": a page served by this very address.
  if (siteValue !== undefined && siteValue !== 'none' && siteValue !== 'same-origin') {
    return `requests sent by web pages are refused (Sec-Fetch-Site: ${siteValue})`;
  }
  const origin = headers.origin;
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    const u = new URL(origin);
    host = u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : undefined;
  } catch {
    host = undefined;
  }
  // `Origin: null` (sandboxed frames, file: pages) and any other site are refused; only our own Host passes.
  if (host === undefined || host !== (headers.host ?? '').toLowerCase()) return `requests sent by web pages are refused (Origin: ${origin.slice(0, 200)})`;
  return undefined;
}
