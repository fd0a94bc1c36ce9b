/**
 * Plurals, the one place they are chosen: a message may hold a block in ICU's plural form,
 * `{n, plural, one {# mask} other {# masks}}`, and the branch is picked by `Intl.PluralRules` for
 * the message's language (English has one/other; Chinese has only other, so it writes
 * `{n} 个掩码`). `=N` picks an exact number first; `other` is required. Inside a branch `#` is
 * the value as the caller gave it (so a caller's own number format stays) and `{name}`
 * placeholders work as everywhere else.
 */

export type Vars = Readonly<Record<string, string | number>>;

const rules = new Map<string, Intl.PluralRules>();

/** The CLDR plural category of `n` in `lang` ('other' for what is not a number, like "—"). */
export function pluralCategory(lang: string, n: number | string): Intl.LDMLPluralRule {
  const x = typeof n === 'number' ? n : String(n).trim() === '' ? NaN : Number(n);
  if (!Number.isFinite(x)) return 'other';
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  return r.select(x);
}

/** The form of `forms` for `n` in `lang`: an exact `=N` form, else its plural category, else `other`. */
export function plural(
  lang: string,
  n: number | string,
  forms: Readonly<Partial<Record<Intl.LDMLPluralRule | `=${number}`, string>>> & { other: string },
): string {
  const exact = forms[`=${Number(n)}`];
  return exact ?? forms[pluralCategory(lang, n)] ?? forms.other;
}

/** The index of the `}` that closes the `{` at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The branches of a plural block (`one {…} other {…}`), or null if they do not parse. */
export function pluralForms(body: string): (Record<string, string> & { other: string }) | null {
  const forms: Record<string, string> = {};
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i]!)) i++;
    if (i === body.length) break;
    const m = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!m) return null;
    const open = i + m[0].length - 1;
    const close = closing(body, open);
    if (close < 0) return null;
    forms[m[1]!] = body.slice(open + 1, close);
    i = close + 1;
  }
  return forms.other !== undefined ? { ...forms, other: forms.other } : null;
}

/** `{name}` placeholders (and `#`, inside a branch) filled in one pass, so values are never re-read. */
function fill(s: string, vars: Vars, hash: string | undefined): string {
  return s.replace(/\{(\w+)\}|#/g, (m, name: string | undefined) => {
    if (name === undefined) return hash ?? m;
    return name in vars ? String(vars[name]) : m;
  });
}

/**
 * A message template with its values filled in: plural blocks resolved for `lang`, then `{name}`
 * placeholders; a placeholder (or plural block) without a value is left as it is.
 */
export function formatMessage(
  lang: string,
  template: string,
  vars: Vars = {},
  hash?: string,
): string {
  const start = /\{(\w+)\s*,\s*plural\s*,/g;
  let out = '';
  let at = 0;
  for (let m = start.exec(template); m; m = start.exec(template)) {
    const end = closing(template, m.index);
    if (end < 0) break;
    const name = m[1]!;
    const forms = pluralForms(template.slice(start.lastIndex, end));
    out += fill(template.slice(at, m.index), vars, hash);
    if (forms && name in vars) {
      const v = vars[name]!;
      out += formatMessage(lang, plural(lang, v, forms), vars, String(v));
    } else {
      out += template.slice(m.index, end + 1);
    }
    at = end + 1;
    start.lastIndex = at;
  }
  return out + fill(template.slice(at), vars, hash);
}

/** The values a template uses: its `{name}` placeholders and the counts of its plural blocks. */
export function templateNames(template: string): string[] {
  const names = new Set<string>();
  const walk = (t: string): void => {
    const start = /\{(\w+)\s*,\s*plural\s*,/g;
    let at = 0;
    const literal = (s: string) => {
      for (const m of s.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
    };
    for (let m = start.exec(t); m; m = start.exec(t)) {
      const end = closing(t, m.index);
      if (end < 0) break;
      literal(t.slice(at, m.index));
      names.add(m[1]!);
      for (const body of Object.values(pluralForms(t.slice(start.lastIndex, end)) ?? {}))
        walk(body);
      at = end + 1;
      start.lastIndex = at;
    }
    literal(t.slice(at));
  };
  walk(template);
  return [...names].sort();
}
