// A request's parameters the way Go's http.Request.Form holds them: form-encoded POST body values first, then the
// URL's query string. `get` is Go's FormValue (first value, "" when absent), `all` is Form[name].
import type http from 'node:http';
import { ApiError } from './api-error';

/** Go's ParseForm refuses bodies above 10 MB; so do we. */
export const MAX_FORM_BYTES = 10 << 20;

export class ApiForm {
  constructor(private readonly params: URLSearchParams) {}

  static of(query: string | URLSearchParams, body = ''): ApiForm {
    const merged = new URLSearchParams(body);
    for (const [k, v] of new URLSearchParams(query)) merged.append(k, v);
    return new ApiForm(merged);
  }

  get(name: string): string {
    return this.params.get(name) ?? '';
  }

  all(name: string): string[] {
    return this.params.getAll(name);
  }

  has(name: string): boolean {
    return this.params.has(name);
  }
}

function isFormBody(req: http.IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return req.method === 'POST' && type === 'application/x-www-form-urlencoded';
}

/** Reads the body (form-encoded POSTs only; other bodies are drained and ignored, as Go ignores them). */
export async function readForm(req: http.IncomingMessage, url: URL): Promise<ApiForm> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new ApiError('bad_data', 'error parsing form values: http: POST too large');
    parts.push(chunk as Buffer);
  }
  return ApiForm.of(url.searchParams, isFormBody(req) ? Buffer.concat(parts).toString('utf8') : '');
}
