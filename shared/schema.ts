// A tiny runtime schema language: one definition gives both the TypeScript type (Infer<>) and the validator that
// main and the bridge run on every incoming argument. Errors name the path ("profile.nodes[1].url: expected string").

export type Issue = { path: string; message: string };

export interface Schema<T> {
  readonly kind: string;
  /** Returns the issues found; an empty array means `value` is a T. */
  check(value: unknown, path: string): Issue[];
  /** Phantom field carrying T for inference. */
  readonly _type?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok: Issue[] = [];
const fail = (path: string, message: string): Issue[] => [{ path: path || '(argument)', message }];

export const s = {
  string(opts: { maxLength?: number; minLength?: number } = {}): Schema<string> {
    return {
      kind: 'string',
      check: (v, p) =>
        typeof v !== 'string'
          ? fail(p, 'expected a string')
          : opts.maxLength !== undefined && v.length > opts.maxLength
            ? fail(p, `longer than ${opts.maxLength} characters`)
            : opts.minLength !== undefined && v.length < opts.minLength
              ? fail(p, opts.minLength === 1 ? 'must not be empty' : `shorter than ${opts.minLength} characters`)
              : ok,
    };
  },
  number(opts: { integer?: boolean; min?: number; max?: number } = {}): Schema<number> {
    return {
      kind: 'number',
      check: (v, p) =>
        typeof v !== 'number' || Number.isNaN(v)
          ? fail(p, 'expected a number')
          : opts.integer && !Number.isInteger(v)
            ? fail(p, 'expected an integer')
            : opts.min !== undefined && v < opts.min
              ? fail(p, `must be at least ${opts.min}`)
              : opts.max !== undefined && v > opts.max
                ? fail(p, `must be at most ${opts.max}`)
                : ok,
    };
  },
  boolean(): Schema<boolean> {
    return { kind: 'boolean', check: (v, p) => (typeof v === 'boolean' ? ok : fail(p, 'expected true or false')) };
  },
  literal<const L extends string | number | boolean | null>(lit: L): Schema<L> {
    return { kind: 'literal', check: (v, p) => (v === lit ? ok : fail(p, `expected ${JSON.stringify(lit)}`)) };
  },
  enum<const L extends string>(values: readonly L[]): Schema<L> {
    return {
      kind: 'enum',
      check: (v, p) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? ok : fail(p, `expected one of ${values.join(', ')}`)),
    };
  },
  /** No argument at all (undefined or null). */
  void(): Schema<void> {
    return { kind: 'void', check: (v, p) => (v === undefined || v === null ? ok : fail(p, 'expected no argument')) };
  },
  /** Anything JSON-like; use only for opaque, separately validated payloads. */
  unknown(): Schema<unknown> {
    return { kind: 'unknown', check: () => ok };
  },
  optional<T>(inner: Schema<T>): Schema<T | undefined> {
    return { kind: 'optional', check: (v, p) => (v === undefined ? ok : inner.check(v, p)) };
  },
  nullable<T>(inner: Schema<T>): Schema<T | null> {
    return { kind: 'nullable', check: (v, p) => (v === null ? ok : inner.check(v, p)) };
  },
  array<T>(item: Schema<T>, opts: { maxItems?: number } = {}): Schema<T[]> {
    return {
      kind: 'array',
      check: (v, p) => {
        if (!Array.isArray(v)) return fail(p, 'expected a list');
        if (opts.maxItems !== undefined && v.length > opts.maxItems) return fail(p, `more than ${opts.maxItems} items`);
        return v.flatMap((x, i) => item.check(x, `${p}[${i}]`));
      },
    };
  },
  record<T>(value: Schema<T>): Schema<Record<string, T>> {
    return {
      kind: 'record',
      check: (v, p) =>
        v === null || typeof v !== 'object' || Array.isArray(v)
          ? fail(p, 'expected an object')
          : Object.entries(v).flatMap(([k, x]) => value.check(x, p ? `${p}.${k}` : k)),
    };
  },
  object<const Shape extends Record<string, Schema<unknown>>>(shape: Shape): Schema<ObjectOf<Shape>> {
    return {
      kind: 'object',
      check: (v, p) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(p, 'expected an object');
        const rec = v as Record<string, unknown>;
        const issues: Issue[] = [];
        for (const key of Object.keys(rec)) {
          if (!(key in shape)) issues.push({ path: p ? `${p}.${key}` : key, message: 'unknown field' });
        }
        for (const [key, sch] of Object.entries(shape)) issues.push(...sch.check(rec[key], p ? `${p}.${key}` : key));
        return issues;
      },
    };
  },
  union<T extends Schema<unknown>[]>(...options: T): Schema<Infer<T[number]>> {
    return {
      kind: 'union',
      check: (v, p) => {
        let best: Issue[] | undefined;
        for (const o of options) {
          const issues = o.check(v, p);
          if (!issues.length) return ok;
          if (!best || issues.length < best.length) best = issues;
        }
        return best ?? fail(p, 'matches no allowed form');
      },
    };
  },
};

type OptionalKeys<Shape> = { [K in keyof Shape]: undefined extends Infer<Shape[K]> ? K : never }[keyof Shape];
type RequiredKeys<Shape> = Exclude<keyof Shape, OptionalKeys<Shape>>;
type ObjectOf<Shape extends Record<string, Schema<unknown>>> = Simplify<
  { [K in RequiredKeys<Shape>]: Infer<Shape[K]> } & { [K in OptionalKeys<Shape>]?: Infer<Shape[K]> }
>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

export function describeIssues(issues: Issue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}
