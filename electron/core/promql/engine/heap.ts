// A binary heap with Go's container/heap algorithms (push/fix/up/down), so topk/bottomk/limitk pick and order
// tied values exactly as Prometheus does. Holds indices into caller-owned arrays.
export class GoHeap {
  readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => boolean) {}

  get length(): number {
    return this.items.length;
  }

  push(x: number): void {
    this.items.push(x);
    this.up(this.items.length - 1);
  }

  /** Re-establish order after items[i] changed. */
  fix(i: number): void {
    if (!this.down(i, this.items.length)) this.up(i);
  }

  private up(j: number): void {
    const h = this.items;
    for (;;) {
      const i = Math.floor((j - 1) / 2);
      if (j <= 0 || i === j || !this.less(h[j], h[i])) break;
      [h[i], h[j]] = [h[j], h[i]];
      j = i;
    }
  }

  private down(i0: number, n: number): boolean {
    const h = this.items;
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && this.less(h[j2], h[j1])) j = j2;
      if (!this.less(h[j], h[i])) break;
      [h[i], h[j]] = [h[j], h[i]];
      i = j;
    }
    return i > i0;
  }
}

/** Stable insertion sort, what Go's pdqsort does for the short slices topk/bottomk sort. */
export function insertionSort<T>(a: T[], less: (x: T, y: T) => boolean): void {
  for (let i = 1; i < a.length; i++) for (let j = i; j > 0 && less(a[j], a[j - 1]); j--) [a[j], a[j - 1]] = [a[j - 1], a[j]];
}
