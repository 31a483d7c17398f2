// Records every Content-Security-Policy violation of the pages a spec opens (an init script runs before the
// page's own), so a spec can assert that the strict policy was never broken.
export async function recordCspViolations(): Promise<void> {
  await browser.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}

/** Violations recorded on the current page (null when the recorder was not installed). */
export async function cspViolations(): Promise<string[] | null> {
  return browser.execute(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? null);
}
