/**
 * A small reader of Bicep source, for offline checks of infra/ where no Bicep compiler can be
 * installed (no npm package ships one; the official CLI is a download from outside the
 * registries this project reaches). It is not a compiler: it tokenizes (strings with `${}`
 * interpolation, comments, multi-line strings), checks brackets, splits the top-level
 * declarations, and finds symbols that are used but not declared, declared but not used, and
 * calls of functions Bicep does not have. test/infra/infra.test.ts builds its checks on it.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'newline';

export interface Token {
  kind: TokenKind;
  /** The identifier, the punctuation, the number; for a string its literal text with `${…}` for each interpolation. */
  text: string;
  line: number;
  /** Strings: the tokens of each `${…}` interpolation. */
  interpolations?: Token[][];
}

export class BicepSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '??', '=>', '.?', '::', ...'{}[]()=:,.?!<>+-*/%@|'];

class Lexer {
  private pos = 0;
  private line = 1;

  constructor(private readonly src: string) {}

  /** Tokens until the end of input or, inside an interpolation, until its closing brace. */
  run(inInterpolation = false): Token[] {
    const out: Token[] = [];
    let depth = 0;
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === '\n') {
        if (inInterpolation) throw new BicepSyntaxError('line break inside an interpolation', this.line);
        out.push({ kind: 'newline', text: '\n', line: this.line });
        this.line++;
        this.pos++;
      } else if (src.startsWith('//', this.pos)) {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else if (src.startsWith('/*', this.pos)) {
        const end = src.indexOf('*/', this.pos + 2);
        if (end < 0) throw new BicepSyntaxError('unterminated comment', this.line);
        this.line += countLines(src.slice(this.pos, end));
        this.pos = end + 2;
      } else if (src.startsWith("'''", this.pos)) {
        const end = src.indexOf("'''", this.pos + 3);
        if (end < 0) throw new BicepSyntaxError('unterminated multi-line string', this.line);
        out.push({ kind: 'string', text: src.slice(this.pos + 3, end), line: this.line });
        this.line += countLines(src.slice(this.pos, end));
        this.pos = end + 3;
      } else if (c === "'") {
        out.push(this.string());
      } else if (/[0-9]/.test(c)) {
        const m = /^[0-9]+/.exec(src.slice(this.pos))!;
        out.push({ kind: 'number', text: m[0], line: this.line });
        this.pos += m[0].length;
      } else if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(this.pos))!;
        out.push({ kind: 'ident', text: m[0], line: this.line });
        this.pos += m[0].length;
      } else {
        const p = PUNCT.find((q) => src.startsWith(q, this.pos));
        if (!p) throw new BicepSyntaxError(`unexpected character ${JSON.stringify(c)}`, this.line);
        if (inInterpolation && p === '}' && depth === 0) {
          this.pos++;
          return out;
        }
        if (p === '{') depth++;
        if (p === '}') depth--;
        out.push({ kind: 'punct', text: p, line: this.line });
        this.pos += p.length;
      }
    }
    if (inInterpolation) throw new BicepSyntaxError('unterminated interpolation', this.line);
    return out;
  }

  private string(): Token {
    const line = this.line;
    const src = this.src;
    let text = '';
    const interpolations: Token[][] = [];
    this.pos++; // opening quote
    for (;;) {
      const c = src[this.pos];
      if (c === undefined || c === '\n') throw new BicepSyntaxError('unterminated string', line);
      if (c === "'") {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const e = src[this.pos + 1];
        if (e === undefined || !"\\'nrt$u".includes(e))
          throw new BicepSyntaxError(`invalid escape \\${e ?? ''}`, line);
        text += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
        this.pos += 2;
        continue;
      }
      if (src.startsWith('${', this.pos)) {
        this.pos += 2;
        const expr = this.run(true);
        if (expr.length === 0) throw new BicepSyntaxError('empty interpolation', line);
        interpolations.push(expr);
        text += '${…}';
        continue;
      }
      text += c;
      this.pos++;
    }
    return interpolations.length
      ? { kind: 'string', text, line, interpolations }
      : { kind: 'string', text, line };
  }
}

function countLines(s: string): number {
  return s.split('\n').length - 1;
}

/** The tokens of a Bicep file; throws BicepSyntaxError on bad strings, comments, characters or brackets. */
export function tokenize(src: string): Token[] {
  const tokens = new Lexer(src).run();
  checkBrackets(tokens);
  return tokens;
}

function checkBrackets(tokens: readonly Token[]): void {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: Token[] = [];
  const visit = (list: readonly Token[]): void => {
    for (const t of list) {
      if (t.kind === 'string') t.interpolations?.forEach((i) => checkBrackets(i));
      if (t.kind !== 'punct') continue;
      if ('([{'.includes(t.text)) stack.push(t);
      else if (t.text in pairs) {
        const open = stack.pop();
        if (!open || open.text !== pairs[t.text]) throw new BicepSyntaxError(`unbalanced ${t.text}`, t.line);
      }
    }
  };
  visit(tokens);
  const open = stack.pop();
  if (open) throw new BicepSyntaxError(`unclosed ${open.text}`, open.line);
}

export type DeclKind = 'param' | 'var' | 'resource' | 'module' | 'output' | 'targetScope';

export interface Decl {
  kind: DeclKind;
  name: string;
  line: number;
  /** param/output: the type; resource: `Type@version`; module: its path. */
  type?: string;
  /** The decorators' tokens, e.g. `@description('…')`. */
  decorators: Token[];
  /** Everything after `=` (param default, var value, resource/module body, output value). */
  value: Token[];
  existing?: boolean;
}

export interface BicepFile {
  path: string;
  tokens: Token[];
  decls: Decl[];
}

const TYPES = new Set(['string', 'int', 'bool', 'object', 'array']);

/** Split the top-level declarations (a declaration ends at the first line break outside brackets). */
export function parseBicep(src: string, path = '<bicep>'): BicepFile {
  const tokens = tokenize(src);
  const statements: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && '([{'.includes(t.text)) depth++;
    if (t.kind === 'punct' && ')]}'.includes(t.text)) depth--;
    if (t.kind === 'newline' && depth === 0) {
      if (current.length) statements.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length) statements.push(current);

  const decls: Decl[] = [];
  let decorators: Token[] = [];
  for (const st of statements) {
    const head = st[0]!;
    if (head.kind === 'punct' && head.text === '@') {
      decorators.push(...st);
      continue;
    }
    if (head.kind !== 'ident')
      throw new BicepSyntaxError(`unexpected ${head.text} at the top level`, head.line);
    const eq = st.findIndex((t) => t.kind === 'punct' && t.text === '=');
    const value = eq >= 0 ? st.slice(eq + 1) : [];
    const name = st[1];
    const decl = (kind: DeclKind, extra: Partial<Decl> = {}): void => {
      decls.push({ kind, name: name?.text ?? '', line: head.line, decorators, value, ...extra });
    };
    switch (head.text) {
      case 'targetScope':
        if (eq !== 1) throw new BicepSyntaxError('targetScope = <scope>', head.line);
        decls.push({ kind: 'targetScope', name: 'targetScope', line: head.line, decorators, value });
        break;
      case 'param':
      case 'output': {
        if (name?.kind !== 'ident') throw new BicepSyntaxError(`${head.text} without a name`, head.line);
        const type = st[2];
        if (type?.kind !== 'ident' || (eq >= 0 && eq < 3))
          throw new BicepSyntaxError(`${head.text} ${name.text} has no type`, head.line);
        if (head.text === 'output' && eq < 0)
          throw new BicepSyntaxError(`output ${name.text} has no value`, head.line);
        const between = st
          .slice(3, eq >= 0 ? eq : st.length)
          .map((t) => t.text)
          .join('');
        decl(head.text, { type: type.text + between });
        break;
      }
      case 'var':
        if (name?.kind !== 'ident' || eq !== 2) throw new BicepSyntaxError('var <name> = <value>', head.line);
        decl('var');
        break;
      case 'resource':
      case 'module': {
        const ref = st[2];
        if (name?.kind !== 'ident' || ref?.kind !== 'string' || ref.interpolations)
          throw new BicepSyntaxError(`${head.text} <name> '<type or path>'`, head.line);
        const existing = st[3]?.kind === 'ident' && st[3].text === 'existing';
        if (eq < 0) throw new BicepSyntaxError(`${head.text} ${name.text} has no body`, head.line);
        decl(head.text, { type: ref.text, existing });
        break;
      }
      default:
        throw new BicepSyntaxError(`unknown declaration ${head.text}`, head.line);
    }
    decorators = [];
  }
  if (decorators.length) throw new BicepSyntaxError('decorator without a declaration', decorators[0]!.line);
  return { path, tokens, decls };
}

/** Functions of the Bicep language (sys namespace) and the decorators, as of Bicep 0.30. */
// prettier-ignore
export const BICEP_FUNCTIONS = new Set([
  // any, array, object, string, numeric, date, deployment, file, lambda, logical, resource, scope
  'any', 'array', 'concat', 'contains', 'empty', 'first', 'flatten', 'indexOf', 'intersection', 'last',
  'lastIndexOf', 'length', 'max', 'min', 'range', 'skip', 'take', 'union', 'items', 'json', 'join',
  'objectKeys', 'shallowMerge', 'tryGet', 'base64', 'base64ToJson', 'base64ToString', 'dataUri',
  'dataUriToString', 'endsWith', 'format', 'guid', 'newGuid', 'padLeft', 'replace', 'split', 'startsWith',
  'string', 'substring', 'toLower', 'toUpper', 'trim', 'uniqueString', 'uri', 'uriComponent',
  'uriComponentToString', 'int', 'bool', 'dateTimeAdd', 'dateTimeFromEpoch', 'dateTimeToEpoch', 'utcNow',
  'deployment', 'environment', 'deployer', 'loadFileAsBase64', 'loadJsonContent', 'loadYamlContent',
  'loadTextContent', 'filter', 'map', 'reduce', 'sort', 'toObject', 'groupBy', 'mapValues', 'coalesce',
  'extensionResourceId', 'getSecret', 'listKeys', 'pickZones', 'providers', 'reference', 'resourceId',
  'subscriptionResourceId', 'managementGroupResourceId', 'tenantResourceId', 'managementGroup',
  'resourceGroup', 'subscription', 'tenant', 'parseCidr', 'cidrSubnet', 'cidrHost', 'buildUri', 'parseUri',
  // decorators
  'description', 'allowed', 'minLength', 'maxLength', 'minValue', 'maxValue', 'metadata', 'secure',
  'batchSize', 'sealed', 'discriminator', 'export', 'onlyIfNotExists',
]);

// prettier-ignore
const KEYWORDS = new Set([
  'param', 'var', 'resource', 'module', 'output', 'targetScope', 'existing', 'if', 'for', 'in', 'true',
  'false', 'null', 'string', 'int', 'bool', 'object', 'array', 'sys', 'az',
]);

export interface SymbolProblem {
  file: string;
  line: number;
  message: string;
}

interface Use {
  name: string;
  line: number;
}

/**
 * Identifiers used as values (not object keys, not property names after `.`, not function names,
 * not loop or lambda variables), and the functions called.
 */
function walk(tokens: readonly Token[], uses: Use[], calls: Use[], locals: Set<string>): void {
  const braces: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.kind === 'string') {
      t.interpolations?.forEach((expr) => walk(expr, uses, calls, locals));
      continue;
    }
    if (t.kind === 'punct') {
      if ('([{'.includes(t.text)) braces.push(t.text);
      if (')]}'.includes(t.text)) braces.pop();
      continue;
    }
    if (t.kind !== 'ident') continue;
    if (prev?.kind === 'punct' && ['.', '.?', '::', '@'].includes(prev.text)) {
      if (prev.text === '@' && !BICEP_FUNCTIONS.has(t.text)) calls.push({ name: t.text, line: t.line });
      continue;
    }
    // `for x in …` and `for (x, i) in …`
    if (t.text === 'for') {
      for (let j = i + 1; j < tokens.length && tokens[j]!.text !== 'in'; j++)
        if (tokens[j]!.kind === 'ident') locals.add(tokens[j]!.text);
      continue;
    }
    // lambdas: `x => …` and `(x, y) => …`
    if (next?.text === '=>') {
      locals.add(t.text);
      continue;
    }
    if (next?.text === ',' || next?.text === ')') {
      let j = i + 1;
      while (j < tokens.length && tokens[j]!.text !== ')') j++;
      if (tokens[j + 1]?.text === '=>') {
        locals.add(t.text);
        continue;
      }
    }
    const isKey =
      next?.kind === 'punct' &&
      next.text === ':' &&
      braces[braces.length - 1] === '{' &&
      (prev === undefined || prev.kind === 'newline' || prev.text === '{' || prev.text === ',');
    if (isKey) continue;
    if (next?.kind === 'punct' && next.text === '(') {
      calls.push({ name: t.text, line: t.line });
      continue;
    }
    if (KEYWORDS.has(t.text)) continue;
    uses.push({ name: t.text, line: t.line });
  }
}

/** Undeclared symbols, unknown functions, duplicate names, unused params and vars. */
export function symbolProblems(file: BicepFile): SymbolProblem[] {
  const problems: SymbolProblem[] = [];
  const declared = new Map<string, Decl>();
  for (const d of file.decls) {
    if (d.kind === 'targetScope' || d.kind === 'output') continue;
    if (declared.has(d.name))
      problems.push({ file: file.path, line: d.line, message: `${d.name} is declared twice` });
    declared.set(d.name, d);
  }
  const used = new Set<string>();
  for (const d of file.decls) {
    const uses: Use[] = [];
    const calls: Use[] = [];
    const locals = new Set<string>();
    walk(d.decorators, uses, calls, locals);
    walk(d.value, uses, calls, locals);
    for (const u of uses) {
      if (locals.has(u.name)) continue;
      if (!declared.has(u.name))
        problems.push({ file: file.path, line: u.line, message: `${u.name} is not declared` });
      else if (u.name === d.name && d.kind !== 'output')
        problems.push({ file: file.path, line: u.line, message: `${u.name} refers to itself` });
      used.add(u.name);
    }
    for (const c of calls)
      if (!BICEP_FUNCTIONS.has(c.name))
        problems.push({ file: file.path, line: c.line, message: `${c.name}() is not a Bicep function` });
  }
  for (const d of declared.values())
    if ((d.kind === 'param' || d.kind === 'var') && !used.has(d.name))
      problems.push({ file: file.path, line: d.line, message: `${d.kind} ${d.name} is never used` });
  return problems;
}

/** The index of the punctuation that closes the bracket opened at `open`. */
function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if ('([{'.includes(t.text)) depth++;
    if (')]}'.includes(t.text)) depth--;
    if (depth === 0) return i;
  }
  throw new BicepSyntaxError('unclosed bracket', tokens[open]?.line ?? 0);
}

/**
 * The properties of the object literal that starts at `tokens[open]` (`{`): key → value tokens.
 * Keys may be identifiers or plain strings.
 */
export function objectProperties(tokens: readonly Token[], open = 0): Map<string, Token[]> {
  if (tokens[open]?.text !== '{') throw new BicepSyntaxError('not an object', tokens[open]?.line ?? 0);
  const end = closing(tokens, open);
  const props = new Map<string, Token[]>();
  let i = open + 1;
  while (i < end) {
    const t = tokens[i]!;
    if (t.kind === 'newline' || t.text === ',') {
      i++;
      continue;
    }
    const key = t.kind === 'string' && t.interpolations ? interpolated(t) : t.text;
    if (tokens[i + 1]?.text !== ':') throw new BicepSyntaxError(`expected a property at ${t.text}`, t.line);
    let j = i + 2;
    const value: Token[] = [];
    while (j < end) {
      const v = tokens[j]!;
      if (v.kind === 'newline' || v.text === ',') break;
      if (v.kind === 'punct' && '([{'.includes(v.text)) {
        const k = closing(tokens, j);
        value.push(...tokens.slice(j, k + 1));
        j = k + 1;
        continue;
      }
      value.push(v);
      j++;
    }
    props.set(key, value);
    i = j;
  }
  return props;
}

/** A property path inside an object literal, e.g. ['properties', 'siteConfig', 'cors']. */
export function property(tokens: readonly Token[], path: readonly string[]): Token[] | undefined {
  let current: Token[] = [...tokens];
  for (const key of path) {
    const open = current.findIndex((t) => t.kind !== 'newline');
    if (current[open]?.text !== '{') return undefined;
    const next = objectProperties(current, open).get(key);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/**
 * The tokens as source-like text, spaced like formatted Bicep except around `:` (always `a : b`):
 * `union([a.b], c)`, `'https://${x.y}'`, `cond ? a : []`.
 */
export function text(tokens: readonly Token[]): string {
  let out = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    if (t.kind === 'newline') continue;
    const s = t.kind === 'string' ? `'${t.interpolations ? interpolated(t) : t.text}'` : t.text;
    const tight =
      prev === undefined ||
      ['(', '[', '.', '.?', '!', '@', '::'].includes(prev.text) ||
      [')', ']', '.', '.?', ',', '::'].includes(t.text) ||
      (t.text === '(' && (prev.kind === 'ident' || prev.text === ')'));
    out += (tight ? '' : ' ') + s;
    prev = t;
  }
  return out;
}

function interpolated(t: Token): string {
  let k = 0;
  return t.text.replace(/\$\{…\}/g, () => `\${${text(t.interpolations?.[k++] ?? [])}}`);
}

/** The plain string of a one-token literal, or undefined for anything else. */
export function literal(tokens: readonly Token[]): string | undefined {
  const real = tokens.filter((t) => t.kind !== 'newline');
  const only = real[0];
  return real.length === 1 && only?.kind === 'string' && !only.interpolations ? only.text : undefined;
}

export function isType(name: string): boolean {
  return TYPES.has(name.replace(/\[\]$|\?$/, ''));
}
