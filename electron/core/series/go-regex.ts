// Translates the RE2 syntax Prometheus accepts into an equivalent JavaScript pattern where they differ: inline
// case-insensitive flags (`(?i)`, `(?i:…)`), named groups `(?P<n>…)`, and `\z`. Letters in a case-insensitive
// scope are spelled out as [xX]; anything else passes through unchanged.
export function goRegexToJs(src: string): string {
  if (!/\(\?[a-zA-Z-]*[:)]|\(\?P<|\\z/.test(src)) return src;
  let out = '';
  // One frame per open group: whether case-insensitivity was on when it opened.
  const stack: boolean[] = [];
  let ci = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      if (src[i + 1] === 'z') {
        out += '$';
        i += 2;
        continue;
      }
      out += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '[') {
      // Character class: copy, adding the other case of letters when case-insensitive.
      let j = i + 1;
      let cls = '[';
      if (src[j] === '^') cls += src[j++];
      if (src[j] === ']') cls += src[j++];
      while (j < src.length && src[j] !== ']') {
        if (src[j] === '\\') {
          cls += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (src[j] === '[' && src[j + 1] === ':') {
          const end = src.indexOf(':]', j + 2);
          cls += posixClass(src.slice(j + 2, end));
          j = end + 2;
          continue;
        }
        const ch = src[j];
        if (ci && src[j + 1] === '-' && src[j + 2] !== ']' && j + 2 < src.length) {
          const a = ch;
          const b = src[j + 2];
          cls += `${a}-${b}`;
          if (/[a-z]/.test(a) && /[a-z]/.test(b)) cls += `${a.toUpperCase()}-${b.toUpperCase()}`;
          else if (/[A-Z]/.test(a) && /[A-Z]/.test(b)) cls += `${a.toLowerCase()}-${b.toLowerCase()}`;
          j += 3;
          continue;
        }
        cls += ch;
        if (ci && ch.toLowerCase() !== ch.toUpperCase()) cls += ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
        j++;
      }
      out += cls + ']';
      i = j + 1;
      continue;
    }
    if (c === '(') {
      const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?(:|\))/.exec(src.slice(i));
      if (flags && (flags[1] !== '' || flags[2] !== undefined)) {
        const on = flags[1].includes('i');
        const off = (flags[2] ?? '').includes('i');
        if (flags[3] === ')') {
          // (?i) changes the flags for the rest of the enclosing group.
          if (on) ci = true;
          if (off) ci = false;
          i += flags[0].length;
          continue;
        }
        stack.push(ci);
        if (on) ci = true;
        if (off) ci = false;
        out += '(?:';
        i += flags[0].length;
        continue;
      }
      if (src.startsWith('(?P<', i)) {
        stack.push(ci);
        out += '(?<';
        i += 4;
        continue;
      }
      stack.push(ci);
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      if (stack.length) ci = stack.pop()!;
      out += c;
      i++;
      continue;
    }
    if (ci && c.toLowerCase() !== c.toUpperCase()) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function posixClass(name: string): string {
  switch (name) {
    case 'alpha':
      return 'a-zA-Z';
    case 'digit':
      return '0-9';
    case 'alnum':
      return 'a-zA-Z0-9';
    case 'space':
      return '\\s';
    case 'upper':
      return 'A-Z';
    case 'lower':
      return 'a-z';
    case 'punct':
      return '!-\\/:-@\\[-`{-~';
    case 'xdigit':
      return '0-9A-Fa-f';
    case 'word':
      return '\\w';
    default:
      return '';
  }
}
