// Which requests a token-less loopback serve-api treats as sent by a web page (refused) and which as a program's.
import { describe, expect, it } from 'vitest';
import { webPageRefusal } from '@core/serve-api/web-page-guard';

const host = '127.0.0.1:9095';

describe('webPageRefusal', () => {
  it('programs send no browser headers: curl, promtool, Grafana’s server-side proxy pass', () => {
    expect(webPageRefusal({ host })).toBeUndefined();
  });
  it('the address bar and pages of this very origin pass', () => {
    expect(webPageRefusal({ host, 'sec-fetch-site': 'none' })).toBeUndefined();
    expect(webPageRefusal({ host, 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:9095' })).toBeUndefined();
    expect(webPageRefusal({ host: 'LOCALHOST:9095', origin: 'http://localhost:9095' })).toBeUndefined();
  });
  it('other sites, sibling ports, null and non-http origins are refused, naming the header', () => {
    expect(webPageRefusal({ host, 'sec-fetch-site': 'cross-site' })).toContain('Sec-Fetch-Site: cross-site');
    expect(webPageRefusal({ host, 'sec-fetch-site': 'same-site' })).toContain('Sec-Fetch-Site: same-site');
    expect(webPageRefusal({ host, origin: 'https://evil.example' })).toContain('Origin: https://evil.example');
    expect(webPageRefusal({ host, origin: 'http://127.0.0.1:3000' })).toContain('Origin: http://127.0.0.1:3000');
    expect(webPageRefusal({ host, origin: 'null' })).toContain('Origin: null');
    expect(webPageRefusal({ host, origin: 'chrome-extension://abc' })).toBeDefined();
  });
});
