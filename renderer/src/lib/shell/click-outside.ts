// Svelte action: call `close` when a pointer press lands outside the element (popovers and dropdowns). Uses the
// composed path so presses inside the shadow-rooted editor count as outside.
export function clickOutside(node: HTMLElement, close: () => void): { destroy(): void; update(fn: () => void): void } {
  let cb = close;
  const onDown = (e: PointerEvent): void => {
    if (!e.composedPath().includes(node)) cb();
  };
  // Registered on the next tick so the press that opened the popover does not close it at once.
  const timer = setTimeout(() => window.addEventListener('pointerdown', onDown, true), 0);
  return {
    update(fn) {
      cb = fn;
    },
    destroy() {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', onDown, true);
    },
  };
}
