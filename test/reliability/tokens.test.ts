import { createPrivateKey, createPublicKey, KeyObject, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, errorBodySchema } from '../../shared/api/index.js';
import { demoSettings, type Settings } from '../../shared/settings/index.js';
import { createApp, type App } from '../../functions/src/app.js';
import { loadConfig } from '../../functions/src/config.js';
import { startLocalHost, type LocalHost } from '../../functions/src/local/host.js';
import { issueLocalToken } from '../../functions/src/services/auth.js';
import { client, memberRow, testStack } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';
import { memoryStore } from './support/memoryStore.js';

/**
 * Issue 7 §2 — AUTH_MODE=entra against a JWKS served on loopback, as Microsoft Entra ID serves
 * a tenant's keys, and every way we know to forge or misuse a token. Each forged token is
 * tried on a read (GET /api/settings) and a write (a push); none may get in, and each refusal
 * is 401 (403 for a genuine token of an unknown user) in the one error shape.
 */
const TENANT = '5e0c1d2a-7b3f-4c61-9a8e-00000000c0de';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const AUDIENCE = 'api://union-ledger-reliability';
const ADDIN_CLIENT = '9f1e2d3c-4b5a-4697-8877-0000000add1e';
/** The Azure CLI's public client id, allowed as an extra client (restore from a terminal). */
const CLI_CLIENT = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
const ENTRA_ENV = {
  AUTH_MODE: 'entra',
  ENTRA_ISSUER: ISSUER,
  ENTRA_AUDIENCE: AUDIENCE,
  ENTRA_TENANT_ID: TENANT,
  ENTRA_API_SCOPE: `${AUDIENCE}/access_as_user`,
  ENTRA_ADDIN_CLIENT_ID: ADDIN_CLIENT,
  ENTRA_EXTRA_CLIENT_IDS: CLI_CLIENT,
  ORG_ID: demoSettings.orgId,
};
const OID_ADMIN = '0a0a0a0a-0000-4000-8000-00000000ad01';
const OID_OFFICER = '0b0b0b0b-0000-4000-8000-0000000000f1';
const BOSS = 'boss@school.edu.cn';

let jwks: http.Server;
let jwksMode: 'ok' | 'down' = 'ok';
let app: App;
let host: LocalHost;
let signing: CryptoKey;
let publicJwk: JWK;
let publicPem: string;
let attacker: { privateKey: CryptoKey; publicKey: CryptoKey };

const tally = { tried: 0, accepted: [] as string[], badShape: [] as string[] };
/** What this test added to the tally. */
let mark = { accepted: 0, badShape: 0 };
function mine(): { accepted: string[]; badShape: string[] } {
  const out = {
    accepted: tally.accepted.slice(mark.accepted),
    badShape: tally.badShape.slice(mark.badShape),
  };
  mark = { accepted: tally.accepted.length, badShape: tally.badShape.length };
  return out;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signing = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  publicPem = await exportSPKI(pair.publicKey);
  attacker = await generateKeyPair('RS256', { extractable: true });
  jwks = http.createServer((_req, res) => {
    if (jwksMode === 'down') {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const { port } = jwks.address() as AddressInfo;
  app = await createApp(
    loadConfig({ ...ENTRA_ENV, ENTRA_JWKS_URL: `http://127.0.0.1:${port}/discovery/v2.0/keys` }),
  );
  const settings: Settings = {
    ...demoSettings,
    users: [
      // The admin listed by sign-in name (no oid: no Entra token can be him) comes first.
      { id: BOSS, name: '校工会主席', role: 'admin' },
      { id: OID_ADMIN, name: '常务副主席', role: 'admin', oid: OID_ADMIN, tid: TENANT },
      {
        id: OID_OFFICER,
        name: '机电分工会主席',
        role: 'officer',
        unit: 'mech-info',
        oid: OID_OFFICER,
        tid: TENANT,
      },
      ...demoSettings.users,
    ],
  };
  await app.settings.replace(settings);
  host = await startLocalHost(app, { port: 0, log: { error: () => {} } });
});

beforeEach(() => {
  mark = { accepted: tally.accepted.length, badShape: tally.badShape.length };
});

afterAll(async () => {
  await host?.close();
  await app?.close();
  await new Promise((r) => jwks?.close(r));
  recordFigures('tokens', {
    forgedTokensTried: tally.tried,
    accepted: tally.accepted.length,
    refusalsNotInErrorShape: tally.badShape.length,
  });
});

const now = (): number => Math.floor(Date.now() / 1000);
const b64 = (v: unknown): string =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

interface Claims {
  [k: string]: unknown;
}
function good(claims: Claims = {}): Claims {
  return {
    oid: OID_ADMIN,
    tid: TENANT,
    scp: 'access_as_user',
    azp: ADDIN_CLIENT,
    ver: '2.0',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    nbf: now() - 10,
    exp: now() + 600,
    ...claims,
  };
}

async function rs256(
  claims: Claims,
  key: CryptoKey = signing,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'key-1', ...header }).sign(key);
}

/** Tries the token on a read and on a write; records it if either let it in. */
async function refused(name: string, token: string, want: 401 | 403 = 401): Promise<void> {
  const api = client(host.url, token);
  for (const [what, call] of [
    ['read', () => api.get('settings')],
    ['write', () => api.post('ledgers/members/sync', { rows: [memberRow('机电学院工会')] })],
  ] as const) {
    tally.tried++;
    const r = await call();
    if (r.status < 400) tally.accepted.push(`${name} (${what}): ${r.status}`);
    else if (r.status !== want || !errorBodySchema.safeParse(r.body).success)
      tally.badShape.push(`${name} (${what}): ${r.status} ${JSON.stringify(r.body)}`);
    else if (r.status === 401 && r.headers.get('www-authenticate') !== 'Bearer')
      tally.badShape.push(`${name} (${what}): 401 without WWW-Authenticate`);
  }
}

function pemToHmacKeys(): Uint8Array[] {
  const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return [
    new TextEncoder().encode(publicPem),
    new TextEncoder().encode(publicPem.trim()),
    new TextEncoder().encode(JSON.stringify(publicJwk)),
    new Uint8Array(der),
    Buffer.from(publicJwk.n!, 'base64url'),
  ];
}

describe('Entra ID tokens (issue 7 §2)', () => {
  it('lets a genuine token in, as the role settings give its user', async () => {
    const r = await client(host.url, await rs256(good())).get<{ settings: Settings }>('settings');
    expect(r.status).toBe(200);
    expect(r.body.settings.users.length).toBeGreaterThan(3);
  });

  it('refuses every forged, stale or misdirected token', async () => {
    await refused('expired an hour ago', await rs256(good({ exp: now() - 3600 })));
    await refused('not valid for another hour (nbf)', await rs256(good({ nbf: now() + 3600 })));
    await refused('no expiry at all', await rs256({ ...good(), exp: undefined }));
    await refused('wrong issuer', await rs256(good({ iss: 'https://login.microsoftonline.com/other/v2.0' })));
    await refused(
      'issuer of the v1 endpoint',
      await rs256(good({ iss: 'https://sts.windows.net/reliability-tenant/' })),
    );
    await refused('wrong audience', await rs256(good({ aud: 'api://someone-else' })));
    await refused('no audience', await rs256({ ...good(), aud: undefined }));
    await refused('unknown key id', await rs256(good(), signing, { kid: 'key-2' }));
    await refused('key id path injection', await rs256(good(), signing, { kid: '../../../../dev/null' }));
    await refused('signed by another key under our key id', await rs256(good(), attacker.privateKey));
    const attackerJwk = await exportJWK(attacker.publicKey);
    await refused(
      'own key embedded in the header (jwk)',
      await rs256(good(), attacker.privateKey, { jwk: attackerJwk, kid: 'attacker' }),
    );
    await refused(
      'own key set named in the header (jku)',
      await rs256(good(), attacker.privateKey, { jku: 'http://127.0.0.1:9/keys', kid: 'attacker' }),
    );
    await refused(
      'unknown critical header',
      handSigned({ alg: 'RS256', kid: 'key-1', crit: ['x-unknown'], 'x-unknown': 1 }, good(), signing),
    );

    // alg: none, in the spellings libraries have tripped on.
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(good())}.`;
      await refused(`alg ${alg}`, unsigned);
      await refused(`alg ${alg} with a signature`, `${unsigned}c2lnbmF0dXJl`);
    }
    // HS256 signed with the public key (algorithm confusion), in every form the key is published.
    for (const [i, secret] of pemToHmacKeys().entries())
      for (const alg of ['HS256', 'HS384', 'HS512'])
        await refused(
          `${alg} with public key form ${i}`,
          await new SignJWT(good()).setProtectedHeader({ alg, kid: 'key-1' }).sign(secret),
        );
    // Other asymmetric algorithms with our own RSA key, and an EC key.
    await refused(
      'PS256 with our RSA key',
      await signWith('PS256', createPrivateKey(await exportPKCS8(signing))),
    );
    const ec = await generateKeyPair('ES256');
    await refused(
      'ES256',
      await new SignJWT(good()).setProtectedHeader({ alg: 'ES256', kid: 'key-1' }).sign(ec.privateKey),
    );

    // A genuine token, altered.
    const genuine = await rs256(good({ oid: OID_OFFICER }));
    const [h, p, s] = genuine.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Claims;
    await refused('payload changed to an admin oid', `${h}.${b64({ ...payload, oid: OID_ADMIN })}.${s}`);
    await refused('payload with a later expiry', `${h}.${b64({ ...payload, exp: now() + 86400 })}.${s}`);
    await refused('signature stripped', `${h}.${p}.`);
    await refused('signature of another token', `${h}.${p}.${(await rs256(good())).split('.')[2]}`);
    await refused('header changed to alg none', `${b64({ alg: 'none' })}.${p}.${s}`);
    await refused('one bit of the signature flipped', `${h}.${p}.${flip(s)}`);
    await refused('five parts (JWE shape)', `${h}.${p}.${s}.${p}.${s}`);
    await refused('not a JWT', 'not.a.jwt');
    await refused('empty', '');
    await refused('64 KB of nothing', 'a'.repeat(12_000));

    // A genuine token of a user settings do not know: 403, and nothing else.
    await refused(
      'genuine token of an unknown user',
      await rs256(good({ oid: 'ffffffff-0000-4000-8000-000000000000' })),
      403,
    );
    await refused('genuine token with no user id at all', await rs256({ ...good(), oid: undefined }), 403);

    expect(mine()).toEqual({ accepted: [], badShape: [] });
  });

  it('takes the role from the object id, never from a sign-in name or e-mail the token also carries', async () => {
    // nOAuth: `email` (and preferred_username for guests) are mutable; an officer whose token also
    // names the admin's address must stay an officer.
    for (const extra of [{ email: BOSS }, { email: BOSS.toUpperCase() }, { upn: BOSS, email: BOSS }]) {
      const token = await rs256(good({ oid: OID_OFFICER, ...extra }));
      const r = await client(host.url, token).get<{ settings: Settings }>('settings');
      tally.tried++;
      expect(r.status).toBe(200);
      const me = r.body.settings.users.map((u) => u.id);
      if (me.length !== 1 || me[0] !== OID_OFFICER)
        tally.accepted.push(`officer with ${JSON.stringify(extra)}: ${me}`);
      expect(me).toEqual([OID_OFFICER]);
      const audit = await client(host.url, token).get('audit');
      expect(audit.status).toBe(403);
    }
    // An e-mail alone is not an identity: a token without oid naming the admin's address gets nothing.
    await refused(
      'only an e-mail claim naming the admin',
      await rs256({ ...good({ email: BOSS }), oid: undefined }),
      403,
    );
    expect(mine()).toEqual({ accepted: [], badShape: [] });
  });

  it('answers 503, not 401 or 200, while the key set cannot be fetched', async () => {
    // A fresh app: the running one has the keys cached.
    const { port } = jwks.address() as AddressInfo;
    const cold = await createApp(
      loadConfig({ ...ENTRA_ENV, ENTRA_JWKS_URL: `http://127.0.0.1:${port}/discovery/v2.0/keys` }),
      { store: app.store },
    );
    const coldHost = await startLocalHost(cold, { port: 0, log: { error: () => {} } });
    jwksMode = 'down';
    try {
      const r = await client(coldHost.url, await rs256(good())).get('settings');
      expect(r.status).toBe(503);
      expect(errorBodySchema.parse(r.body).error.message).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      jwksMode = 'ok';
      await coldHost.close();
    }
  });
});

describe('Entra tokens must be ours: tenant, scope, client, and the user by tid + oid (issue 14)', () => {
  const OTHER_TENANT = '0d0d0d0d-0000-4000-8000-00000000beef';

  it('refuses tokens of another tenant, without the API scope, or issued to another app', async () => {
    await refused('another tenant (tid)', await rs256(good({ tid: OTHER_TENANT })));
    await refused('no tid', await rs256({ ...good(), tid: undefined }));
    await refused(
      'no scp (an app-only token with roles)',
      await rs256({ ...good({ roles: ['Admin'] }), scp: undefined }),
    );
    await refused('another scope only', await rs256(good({ scp: 'User.Read openid profile' })));
    await refused('a scope that only contains ours', await rs256(good({ scp: 'access_as_user_admin' })));
    await refused(
      'issued to another app (azp)',
      await rs256(good({ azp: '11111111-2222-4333-8444-555555555555' })),
    );
    await refused('no azp and no appid', await rs256({ ...good(), azp: undefined }));
    await refused(
      'v1 appid of another app',
      await rs256({ ...good({ appid: '11111111-2222-4333-8444-555555555555' }), azp: undefined }),
    );
    expect(mine()).toEqual({ accepted: [], badShape: [] });
  });

  it('takes tokens of the add-in (azp, or appid in v1 tokens) and of the configured extra client', async () => {
    for (const claims of [
      good(),
      { ...good({ appid: ADDIN_CLIENT }), azp: undefined },
      good({ azp: CLI_CLIENT }),
    ]) {
      const r = await client(host.url, await rs256(claims)).get('settings');
      expect(r.status, JSON.stringify(claims)).toBe(200);
    }
  });

  it('never maps a user by sign-in name: a token whose upn or preferred_username names a listed user gets 403', async () => {
    const stranger = 'ffffffff-0000-4000-8000-0000000000aa';
    for (const extra of [
      { preferred_username: BOSS },
      { upn: BOSS },
      { preferred_username: OID_ADMIN },
      { sub: OID_ADMIN },
    ])
      await refused(
        `stranger with ${JSON.stringify(extra)}`,
        await rs256(good({ oid: stranger, ...extra })),
        403,
      );
    expect(mine()).toEqual({ accepted: [], badShape: [] });
  });

  it('before any settings, makes the bootstrap admin of an object id admin, and nobody by sign-in name', async () => {
    const { port } = jwks.address() as AddressInfo;
    const fresh = await createApp(
      loadConfig({
        ...ENTRA_ENV,
        ENTRA_JWKS_URL: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
        BOOTSTRAP_ADMINS: OID_ADMIN.toUpperCase(),
      }),
      { store: memoryStore() },
    );
    try {
      const boss = await fresh.auth.authenticate(`Bearer ${await rs256(good())}`);
      expect(boss.actor).toEqual({ userId: OID_ADMIN, role: 'admin' });
      const stranger = rs256(good({ oid: OID_OFFICER, preferred_username: OID_ADMIN, upn: OID_ADMIN }));
      await expect(fresh.auth.authenticate(`Bearer ${await stranger}`)).rejects.toMatchObject({
        code: ERROR_CODES.unavailable,
      });
    } finally {
      await fresh.close();
    }
  });

  it('refuses settings whose admins have no oid + tid: they would lock every admin out', async () => {
    const api = client(host.url, await rs256(good()));
    const current = await api.get<{ settings: Settings; rev: string }>('settings');
    expect(current.status).toBe(200);
    const { settings } = current.body;
    const noEntraAdmin = {
      ...settings,
      users: settings.users.map((u) => (u.role === 'admin' ? { id: u.id, name: u.name, role: u.role } : u)),
    };
    const refusedPut = await api.put<{ error: { message: string } }>('settings', noEntraAdmin);
    expect(refusedPut.status).toBe(400);
    expect(refusedPut.body.error.message).toContain('oid');
    const accepted = await api.put('settings', settings);
    expect(accepted.status).toBe(200);
  });

  it('matches the object id only together with the tenant of the settings entry', async () => {
    const { settings } = (await app.settings.load())!;
    await app.settings.replace({
      ...settings,
      users: settings.users.map((u) => (u.oid === OID_OFFICER ? { ...u, tid: OTHER_TENANT } : u)),
    });
    try {
      await refused(
        'right oid, settings entry of another tenant',
        await rs256(good({ oid: OID_OFFICER })),
        403,
      );
    } finally {
      await app.settings.replace(settings);
    }
    expect(mine()).toEqual({ accepted: [], badShape: [] });
  });
});

describe('local tokens (AUTH_MODE=local)', () => {
  it('refuses tokens not signed with the local secret, expired, unsigned, or of a removed user', async () => {
    const stack = await testStack();
    const hostSave = host;
    try {
      host = stack.host;
      await refused('local: other secret', await issueLocalToken('f'.repeat(40), 'admin'));
      await refused('local: expired', await issueLocalToken(stack.secret, 'admin', -120));
      // Issue 14: a local token without an expiry would be a password that never changes.
      await refused(
        'local: no exp',
        await new SignJWT({ sub: 'admin' })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuer('union-ledger-local')
          .setAudience('union-ledger-api')
          .setIssuedAt()
          .sign(new TextEncoder().encode(stack.secret)),
      );
      await refused(
        'local: alg none',
        `${b64({ alg: 'none' })}.${b64({ sub: 'admin', iss: 'union-ledger-local', aud: 'union-ledger-api', exp: now() + 600 })}.`,
      );
      await refused(
        'local: RS256 of an attacker key',
        await new SignJWT({ sub: 'admin' })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer('union-ledger-local')
          .setAudience('union-ledger-api')
          .setExpirationTime('10m')
          .sign(attacker.privateKey),
      );
      await refused(
        'local: user not in settings',
        await issueLocalToken(stack.secret, 'officer-nowhere'),
        403,
      );
      expect(mine()).toEqual({ accepted: [], badShape: [] });
    } finally {
      host = hostSave;
      await stack.close();
    }
  });
});

async function signWith(alg: 'PS256', key: KeyObject): Promise<string> {
  return new SignJWT(good()).setProtectedHeader({ alg, kid: 'key-1' }).sign(key);
}

/** A JWS made by hand, for headers jose will not sign. */
function handSigned(header: Record<string, unknown>, claims: Claims, key: CryptoKey): string {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), KeyObject.from(key));
  return `${input}.${signature.toString('base64url')}`;
}

function flip(sig: string): string {
  const bytes = Buffer.from(sig, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64url');
}
