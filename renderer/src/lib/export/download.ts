// Getting a file out of the renderer without a save dialog: a Blob URL clicked through a[download], names that are
// safe on every OS, and the base64 the bundle call wants. The last download is remembered (URL kept alive until the
// next one) so a test can read it back.
import { safeStem } from '../workspace/paths';

export interface LastDownload {
  url: string;
  filename: string;
  kind: 'csv' | 'png';
  /** For PNGs: the image size in device pixels. */
  width?: number;
  height?: number;
  rows?: number;
}

let last: LastDownload | null = null;

/** The suggested CSV name with the directory parts removed and odd characters replaced; always ends in .csv. */
export function csvFilename(suggested: string | undefined, fallbackStem: string): string {
  const base = (suggested ?? '').split(/[\\/]/).pop() ?? '';
  const stem = safeStem(base.replace(/\.csv$/i, ''), '') || safeStem(fallbackStem, 'query');
  return `${stem}.csv`;
}

export function pngFilename(title: string, atMs: number): string {
  const d = new Date(atMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  return `${safeStem(title, 'chart')}-${stamp}.png`;
}

export function downloadBlob(blob: Blob, filename: string, meta: Omit<LastDownload, 'url' | 'filename'>): LastDownload {
  if (last) URL.revokeObjectURL(last.url);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  last = { url, filename, ...meta };
  // Test hook (and devtools): the page's CSP (connect-src 'self') forbids fetching blob: URLs back, so the last
  // file is also kept as a Blob on window for end-to-end tests to read.
  (window as unknown as { __rrxLastDownload?: LastDownload & { blob: Blob } }).__rrxLastDownload = { ...last, blob };
  return last;
}

export function lastDownload(): LastDownload | null {
  return last;
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** "12345" → "12.1 KiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
