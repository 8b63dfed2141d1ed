import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, SyncResponse } from '../../shared/api/index.js';
import { startLocalStack, type LocalStack } from '../../functions/src/local/stack.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../functions/src/store/embedded.js';
import { openStore } from '../../functions/src/store/index.js';
import { client, memberRow, testStack } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';
import { startFaultProxy, type FaultProxy } from './support/faultProxy.js';
import { captureLogs } from './support/logs.js';

/**
 * Issue 7 §8 — secrets and privacy: no secret in the files of the repository; the backend's
 * logs never hold a full 身份证号, a token, a key or row contents beyond ids, even when the
 * store fails under a push of rows that carry them; the server refuses an idLast4 longer than
 * four characters (DOMAIN.md §4.6); CORS answers the add-in's origin only.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const figures: Record<string, unknown> = {};
afterAll(() => recordFigures('privacy', figures));

// ------------------------------------------------------------------------------------------ secrets

/** Key-like strings: cloud keys, private keys, tokens, connection strings, assigned passwords. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['private key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/],
  ['Azure storage / Cosmos connection string', /AccountKey=[A-Za-z0-9+/=]{40,}/],
  // 88 characters of base64 — but not a package-lock integrity hash (sha512-…).
  ['Cosmos / storage account key', /(?<![A-Za-z0-9+/-])(?<!sha512-)[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/],
  ['SAS signature', /[?&]sig=[A-Za-z0-9%+/=]{30,}/],
  ['JSON Web Token', /eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{20,}/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['Entra client secret', /\b[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{31,34}\b/],
  [
    'secret assigned a literal',
    /\b(?:password|passwd|pwd|secret|client_?secret|api_?key|access_?key|LOCAL_AUTH_SECRET|COSMOS_KEY)\b\s*[:=]\s*["'][^"'<>\s]{12,}["']/i,
  ],
];
/** Literals that look like secrets on purpose: documented placeholders and test fixtures, each with why. */
const ALLOWED: [RegExp, string][] = [
  [/^<.*>$/, 'a placeholder in angle brackets'],
  [/^x{12,}$|^f{12,}$|^(.)\1{11,}$/, 'a repeated-character test secret'],
  [/placeholder|example|dummy|changeme|not-?a-?secret/i, 'a value that says it is not one'],
];

/** Three of lower case, upper case, digits and symbols, or a long run of hex / base64. */
function looksRandom(text: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(text)).length;
  return classes >= 3 || /^[0-9a-f]{32,}$/i.test(text) || /^[A-Za-z0-9+/_-]{32,}={0,2}$/.test(text);
}

function candidateFiles(): string[] {
  // Read-only: what is tracked, and what would be added next (untracked, not ignored).
  const list = (args: string[]): string[] =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\n')
      .filter(Boolean);
  return [...new Set([...list(['ls-files']), ...list(['ls-files', '--others', '--exclude-standard'])])];
}

describe('secrets (issue 7 §8)', () => {
  it('finds no key, token or password in the files of the repository', () => {
    const files = candidateFiles();
    const findings: string[] = [];
    let scanned = 0;
    for (const rel of files) {
      const full = path.join(ROOT, rel);
      let text: string;
      try {
        if (statSync(full).size > 5 * 1024 * 1024) continue;
        const buf = readFileSync(full);
        if (buf.includes(0)) continue; // binary
        text = buf.toString('utf8');
      } catch {
        continue; // listed but deleted in the working tree
      }
      scanned++;
      for (const [what, re] of SECRET_PATTERNS) {
        const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
        for (const m of text.matchAll(global)) {
          const literal = /["']([^"']*)["']\s*$/.exec(m[0])?.[1] ?? m[0];
          if (ALLOWED.some(([ok]) => ok.test(literal))) continue;
          // A literal assigned to a secret-like name counts only if it looks random: words such
          // as 'a-key-without-an-account' in a test are not keys.
          if (what === 'secret assigned a literal' && !looksRandom(literal)) continue;
          const line = text.slice(0, m.index).split('\n').length;
          findings.push(`${rel}:${line} ${what}: ${m[0].slice(0, 24)}…`);
        }
      }
    }
    figures.secretScan = { filesScanned: scanned, findings: findings.length };
    expect(scanned).toBeGreaterThan(200);
    expect(findings).toEqual([]);
  });

  it('recognises what it looks for (built here at run time, so that this file holds none)', () => {
    const b64 = (n: number): string =>
      Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
    const samples = [
      `-----BEGIN ${'RSA '}PRIVATE KEY-----`,
      `AccountEndpoint=https://x.documents.azure.com:443/;Account${'Key'}=${b64(64)}`,
      `const key = "${b64(64)}";`,
      `${'eyJ'}hbGciOiJSUzI1NiJ9.${'eyJ'}zdWIiOiJhZG1pbiIsImV4cCI6MX0.${'c2lnbmF0dXJl'.repeat(3)}`,
      `COSMOS_KEY = '${'Zq8$'}${b64(24)}'`,
    ];
    for (const sample of samples)
      expect(
        SECRET_PATTERNS.some(([, re]) => re.test(sample)),
        sample.slice(0, 30),
      ).toBe(true);
  });

  it('never writes the local signing secret or a token into the settings the API returns', async () => {
    const stack = await testStack();
    try {
      const text = JSON.stringify((await client(stack.url, stack.tokens.admin).get('settings')).body);
      expect(text).not.toContain(stack.secret);
      expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{15,}\./);
    } finally {
      await stack.close();
    }
  });
});

// ------------------------------------------------------------------------------------------ logs

const FULL_ID = '110101199003071234';
const PERSON = {
  name: '隐私测甲',
  phone: '13911112222',
  remarks: '家住某某小区3栋2单元',
  department: '保密科',
};
/** What must never reach a log line. */
function leaksIn(text: string, secrets: Record<string, string>): string[] {
  const found: string[] = [];
  if (/(?<!\d)\d{17}[\dXx](?!\d)/.test(text)) found.push('an 18-digit identity number');
  if (/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(text)) found.push('a JWT');
  // The SDK's own redaction ("authorization": "REDACTED") is fine; a value is not.
  if (
    /type(?:%3D|=)(?:master|aad|resource)/i.test(text) ||
    /authorization"?\s*[:=]\s*"?(?!REDACTED)[^"\s,}]{8,}/i.test(text)
  )
    found.push('a Cosmos or bearer authorization value');
  for (const [what, value] of Object.entries(secrets)) if (value && text.includes(value)) found.push(what);
  return found;
}

describe('logs (issue 7 §8)', () => {
  let embedded: EmbeddedCosmos;
  let proxy: FaultProxy;
  let stack: LocalStack;
  beforeAll(async () => {
    embedded = await startEmbeddedCosmos();
    proxy = await startFaultProxy(embedded.endpoint, { timeoutMs: 300 });
    // The local host with its own console logger (no `log` option), as `union-ledger serve` runs it.
    stack = await startLocalStack({
      port: 0,
      store: await openStore({ endpoint: proxy.url, key: embedded.key, database: 'union' }),
    });
  });
  afterAll(async () => {
    proxy.decide = () => null;
    await stack?.close();
    await proxy?.close();
    await embedded?.close();
  });

  it('hold no identity number, token, key or row content while pushes succeed, are refused and fail', async () => {
    const logs = captureLogs();
    const token = stack.tokens['officer-mech-info']!;
    const api = client(stack.url, token);
    const rows = () => [
      memberRow('机电学院工会', { ...PERSON, idLast4: '1234' }),
      memberRow('机电学院工会', { ...PERSON, name: `${PERSON.name}乙`, idLast4: FULL_ID }),
    ];
    const statuses: number[] = [];
    try {
      // Accepted and refused rows.
      statuses.push((await api.post<SyncResponse>('ledgers/members/sync', { rows: rows() })).status);
      // The store failing every way while rows carrying personal data are pushed.
      for (const fault of ['503', 'drop', 'timeout', 'lost', '429'] as const) {
        // Writes fail (the push has read the settings and the rows by then).
        proxy.decide = (req) => (req.method === 'GET' || req.query ? null : fault);
        statuses.push((await api.post('ledgers/members/sync', { rows: rows() })).status);
        proxy.decide = () => null;
      }
      // A fault of ours: the store throwing something unexpected.
      const write = stack.app.store.rows.write;
      stack.app.store.rows.write = async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'rev')");
      };
      statuses.push((await api.post('ledgers/members/sync', { rows: rows() })).status);
      stack.app.store.rows.write = write;
      // Bad tokens and bad bodies.
      statuses.push((await client(stack.url, `${token}x`).get('settings')).status);
      statuses.push((await api.post('ledgers/members/sync', `{"rows":[{"rowId":"${FULL_ID}"`)).status);
    } finally {
      logs.stop();
    }
    const text = logs.text();
    const leaks = leaksIn(text, {
      'the bearer token': token,
      'the local signing secret': stack.secret,
      'a name from a row': PERSON.name,
      'a phone number from a row': PERSON.phone,
      'remarks from a row': PERSON.remarks,
      'a department from a row': PERSON.department,
      'the full identity number': FULL_ID,
      'the last four digits with their field': '"idLast4":"1234"',
    });
    figures.logs = { answers: statuses, linesLogged: logs.lines(), leaks };
    expect(statuses.some((s) => s >= 500)).toBe(true);
    expect(logs.lines()).toBeGreaterThan(0);
    expect(leaks, text.slice(0, 3000)).toEqual([]);
  }, 60_000);
});

// ------------------------------------------------------------------------------------------ idLast4

describe('identity numbers (DOMAIN.md §4.6)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await testStack();
  });
  afterAll(() => stack?.close());

  it('refuses any idLast4 longer than four characters, in every form, and stores only four', async () => {
    const api = client(stack.url, stack.tokens.admin);
    const tooLong: unknown[] = [
      FULL_ID,
      '11010119900307123X',
      '110101 19900307 1234',
      '１１０１０１１９９００３０７１２３４',
      '12345',
      110101199003071230,
      '**************1234',
    ];
    const push = await api.post<SyncResponse>('ledgers/members/sync', {
      headers: { idLast4: '身份证号' },
      rows: [
        ...tooLong.map((v) => memberRow('机电学院工会', { idLast4: v as string })),
        memberRow('机电学院工会', { idLast4: '123x' }),
        memberRow('机电学院工会', { idLast4: ' 5678 ' }),
      ],
    });
    expect(push.status).toBe(200);
    const results = push.body.results;
    const refused = results.slice(0, tooLong.length);
    for (const r of refused) {
      expect(r.status, JSON.stringify(r)).toBe('invalid');
      expect(
        r.issues.some((i) => i.field === 'idLast4' && i.message === '身份证号仅保存后四位，请勿上传完整号码'),
      ).toBe(true);
      expect(JSON.stringify(r)).not.toContain('1101011990');
    }
    expect(results.slice(tooLong.length).map((r) => r.status)).toEqual(['created', 'created']);
    const stored = (await api.get<PullResponse>('ledgers/members/rows')).body.rows;
    const ids = stored.map((r) => r.fields.idLast4).filter((v) => v !== null && v !== undefined);
    expect(ids.sort()).toEqual(['123X', '5678']);
    for (const r of stored) expect(JSON.stringify(r)).not.toMatch(/\d{17}[\dXx]/);
    figures.idLast4 = {
      tooLongTried: tooLong.length,
      refused: refused.filter((r) => r.status === 'invalid').length,
      stored: ids,
    };
  });
});

// ------------------------------------------------------------------------------------------ workbooks

describe('personal data in the leadership workbook', () => {
  /**
   * DOMAIN.md §3.1: 困难职工建档 is visible to admin and the unit's officer only, so the
   * workbook of GET /api/reports/annual.xlsx, which leader and finance download, has neither the
   * column nor its values; the admin's has both (which also shows this test can see them).
   */
  let stack: LocalStack;
  let staffNo: string;
  beforeAll(async () => {
    stack = await testStack();
    const row = memberRow('机电学院工会', { hardship: '是', isRep: '否' });
    staffNo = String(row.cells.staffNo);
    const [result] = await client(stack.url, stack.tokens.admin).push('members', [row]);
    expect(result?.status).toBe('created');
  });
  afterAll(() => stack?.close());

  /** The workbook as `user` downloads it: every XML part's text, and the roster's header and this member's row. */
  async function download(
    user: string,
  ): Promise<{ xml: string; parts: number; header: unknown[]; row: unknown[] }> {
    const r = await fetch(`${stack.url}/reports/annual.xlsx?year=2023`, {
      headers: { authorization: `Bearer ${stack.tokens[user]}` },
    });
    expect(r.status).toBe(200);
    const bytes = Buffer.from(await r.arrayBuffer());
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(bytes);
    const files = Object.values(zip.files).filter((f) => !f.dir);
    const xml = (await Promise.all(files.map((f) => f.async('string')))).join('\n');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const roster = wb.getWorksheet('工会会员名册');
    expect(roster, 'the roster sheet').toBeDefined();
    const values = (n: number): unknown[] => (roster!.getRow(n).values as unknown[]).slice(1);
    let row: unknown[] = [];
    roster!.eachRow((r, n) => {
      if (r.getCell(1).value === staffNo) row = values(n);
    });
    return { xml, parts: files.length, header: values(2), row };
  }

  it("leaves out 困难职工建档 for leader and finance, and keeps it in the admin's (DOMAIN.md §3.1)", async () => {
    const admin = await download('admin');
    expect(admin.xml).toContain('困难职工建档');
    const col = admin.header.indexOf('困难职工建档');
    expect(col).toBeGreaterThan(0);
    expect(admin.row[col]).toBe('是');

    for (const user of ['leader', 'finance']) {
      const seen = await download(user);
      expect(seen.parts, user).toBeGreaterThan(5);
      expect(seen.xml, user).not.toContain('困难职工建档');
      expect(seen.header, user).not.toContain('困难职工建档');
      // The member is listed; the only 是 of their row was the hardship value (教代会代表 is 否).
      expect(seen.row[0], user).toBe(staffNo);
      expect(seen.row, user).not.toContain('是');
    }
    figures.hardshipInWorkbook = { admin: 'shown', leader: 'left out', finance: 'left out' };
  });
});

// ------------------------------------------------------------------------------------------ CORS

describe('CORS (issue 7 §8)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await testStack();
  });
  afterAll(() => stack?.close());

  it("answers the add-in's origin only, and never with credentials", async () => {
    const allowed = 'https://localhost:3000';
    const others = [
      'https://evil.example',
      'null',
      'http://localhost:3000',
      'https://localhost:3000.evil.example',
      'https://localhost:30000',
      'https://LOCALHOST:3000',
    ];
    const probe = async (origin: string, method: 'GET' | 'OPTIONS') => {
      const r = await fetch(`${stack.url}/settings`, {
        method,
        headers: {
          origin,
          authorization: `Bearer ${stack.tokens.admin}`,
          ...(method === 'OPTIONS'
            ? { 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization' }
            : {}),
        },
      });
      await r.arrayBuffer();
      return {
        allow: r.headers.get('access-control-allow-origin'),
        credentials: r.headers.get('access-control-allow-credentials'),
      };
    };
    const seen: Record<string, unknown> = {};
    for (const method of ['GET', 'OPTIONS'] as const) {
      const ok = await probe(allowed, method);
      expect(ok.allow).toBe(allowed);
      expect(ok.credentials).toBeNull();
      for (const origin of others) {
        const r = await probe(origin, method);
        seen[`${method} ${origin}`] = r.allow;
        expect(r.allow, `${method} from ${origin}`).toBeNull();
        expect(r.credentials).toBeNull();
      }
    }
    figures.cors = { allowedOrigin: allowed, refusedOrigins: others.length, answersToOthers: seen };
  });

  it('gives the Function App in Azure one origin: the task pane, never a wildcard', () => {
    const main = readFileSync(path.join(ROOT, 'infra/main.bicep'), 'utf8');
    const app = readFileSync(path.join(ROOT, 'infra/modules/functionapp.bicep'), 'utf8');
    expect(main).toMatch(/corsAllowedOrigins:\s*union\(\[taskpane\.outputs\.url\], additionalCorsOrigins\)/);
    expect(main).toMatch(/param additionalCorsOrigins array = \[\]/);
    expect(app).toMatch(/supportCredentials:\s*false/);
    expect(`${main}\n${app}`).not.toMatch(/allowedOrigins:\s*\[\s*'\*'/);
  });
});
