// Natural ("human") string order for sort_by_label: digit runs compare by numeric value, as the natsort package
// Prometheus uses does. Returns true when a sorts before b.
export function naturalLess(a: string, b: string): boolean {
  const ca = chunks(a);
  const cb = chunks(b);
  for (let i = 0; i < ca.length && i < cb.length; i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const xd = /^\d/.test(x);
    const yd = /^\d/.test(y);
    if (xd && yd) {
      const xs = x.replace(/^0+/, '');
      const ys = y.replace(/^0+/, '');
      if (xs.length !== ys.length) return xs.length < ys.length;
      if (xs !== ys) return xs < ys;
      continue;
    }
    return x < y;
  }
  return ca.length < cb.length;
}

function chunks(s: string): string[] {
  return s.match(/(\d+|\D+)/g) ?? [];
}
