// The renderer's Content-Security-Policy, one definition for Electron (response header) and the bridge (HTTP
// header). No remote origins, no eval, no inline scripts or style elements/attributes (CSSOM style changes and
// constructed stylesheets, which CodeMirror and uPlot use, are not inline styles).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
