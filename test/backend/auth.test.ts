import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSettings, type Settings } from '../../shared/settings/index.js';
import { createApp, type App } from '../../functions/src/app.js';
import { loadConfig, type AppConfig } from '../../functions/src/config.js';
import { startLocalHost, type LocalHost } from '../../functions/src/local/host.js';
import { client, testStack } from './helpers.js';
import { issueLocalToken } from '../../functions/src/services/auth.js';

/**
 * AUTH_MODE=entra against a JWKS served on loopback, as Microsoft Entra ID serves the tenant's
 * keys: only RS256 tokens signed by a published key, for our issuer and audience, unexpired, of
 * a user known to settings, get in.
 */
const TENANT = '3d2c1b0a-0000-4000-8000-0000000000ee';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const AUDIENCE = 'api://union-ledger-test';
const ADDIN = '0a1b2c3d-0000-4000-8000-00000000add1';
const OID = '6f1c7a52-0000-4000-8000-00000000a001';
const OID_LIN = '6f1c7a52-0000-4000-8000-00000000a002';

let jwksServer: http.Server;
let app: App;
let host: LocalHost;
let signingKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  jwksServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', () => r()));
  const { port } = jwksServer.address() as AddressInfo;
  const config: AppConfig = loadConfig({
    AUTH_MODE: 'entra',
    ENTRA_ISSUER: ISSUER,
    ENTRA_AUDIENCE: AUDIENCE,
    ENTRA_JWKS_URL: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    ENTRA_TENANT_ID: TENANT,
    ENTRA_API_SCOPE: `${AUDIENCE}/access_as_user`,
    ENTRA_ADDIN_CLIENT_ID: ADDIN,
    ORG_ID: demoSettings.orgId,
  });
  app = await createApp(config);
  const settings: Settings = {
    ...demoSettings,
    users: [
      ...demoSettings.users,
      { id: OID, name: '校工会主席', role: 'admin', oid: OID, tid: TENANT },
      { id: 'lin@school.edu.cn', name: '林', role: 'finance', oid: OID_LIN, tid: TENANT },
    ],
  };
  await app.settings.replace(settings);
  host = await startLocalHost(app, { port: 0, log: { error: () => {} } });
});

afterAll(async () => {
  await host.close();
  await app.close();
  await new Promise((r) => jwksServer.close(r));
});

function token(
  user: Record<string, unknown> = { oid: OID },
  opts: { key?: CryptoKey; issuer?: string; audience?: string; exp?: number; kid?: string } = {},
): Promise<string> {
  return new SignJWT({ tid: TENANT, scp: 'access_as_user', azp: ADDIN, ...user })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'key-1' })
    .setIssuer(opts.issuer ?? ISSUER)
    .setAudience(opts.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(opts.key ?? signingKey);
}

async function status(t: string | undefined): Promise<{ status: number; body: unknown }> {
  const r = await client(host.url, t).get('settings');
  return { status: r.status, body: r.body };
}

describe('Entra ID tokens', () => {
  it('accepts a valid token and takes the role from settings by tenant + object id, never by sign-in name', async () => {
    expect((await status(await token())).status).toBe(200);
    const finance = await client(host.url, await token({ oid: OID_LIN.toUpperCase() })).get<{
      settings: Settings;
    }>('settings');
    expect(finance.status).toBe(200);
    expect(finance.body.settings.users.map((u) => u.id)).toEqual(['lin@school.edu.cn']);
    const byName = await status(
      await token({ oid: 'ffffffff-0000-4000-8000-000000000000', preferred_username: 'lin@school.edu.cn' }),
    );
    expect(byName.status).toBe(403);
  });

  it('refuses a missing, forged, expired, wrong-audience or wrong-issuer token with 401', async () => {
    expect(await status(undefined)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    });
    expect(await status(await token(undefined, { key: otherKey }))).toMatchObject({ status: 401 });
    expect(await status(await token(undefined, { exp: Math.floor(Date.now() / 1000) - 3600 }))).toMatchObject(
      {
        status: 401,
        body: {
          error: {
            code: 'unauthenticated',
            message: '访问令牌已过期，请重新登录',
            details: { reason: 'expired' },
          },
        },
      },
    );
    expect(await status(await token(undefined, { audience: 'api://someone-else' }))).toMatchObject({
      status: 401,
      body: { error: { details: { reason: 'claim:aud' } } },
    });
    expect(
      await status(await token(undefined, { issuer: 'https://login.microsoftonline.com/other/v2.0' })),
    ).toMatchObject({
      status: 401,
      body: { error: { details: { reason: 'claim:iss' } } },
    });
    expect(await status(await token(undefined, { kid: 'unknown-key' }))).toMatchObject({ status: 401 });
    expect(await status('not.a.jwt')).toMatchObject({ status: 401 });
  });

  it('refuses an HS256 token even when signed with something public (algorithm confusion)', async () => {
    const hs = await new SignJWT({ oid: OID })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect((await status(hs)).status).toBe(401);
  });

  it('answers 403 for a valid token of a user settings do not know', async () => {
    expect(await status(await token({ oid: 'someone-else' }))).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden', details: { reason: 'unknown_user' } } },
    });
  });
});

describe('local tokens', () => {
  it('accepts only tokens signed with the local secret', async () => {
    const stack = await testStack();
    try {
      expect((await client(stack.url, stack.tokens.leader).get('ledgers')).status).toBe(200);
      const forged = await issueLocalToken('f'.repeat(40), 'admin');
      expect((await client(stack.url, forged).get('ledgers')).status).toBe(401);
    } finally {
      await stack.close();
    }
  });
});

describe('configuration', () => {
  it('stops with a message naming every missing setting', () => {
    expect(() => loadConfig({ AUTH_MODE: 'entra', ORG_ID: 'cqrw' })).toThrow(
      /ENTRA_ISSUER[\s\S]*ENTRA_AUDIENCE[\s\S]*ENTRA_JWKS_URL[\s\S]*ENTRA_TENANT_ID[\s\S]*ENTRA_API_SCOPE[\s\S]*ENTRA_ADDIN_CLIENT_ID/,
    );
    expect(() => loadConfig({ ORG_ID: 'cqrw' })).toThrow(/AUTH_MODE/);
    expect(() => loadConfig({ AUTH_MODE: 'local', ORG_ID: 'cqrw', LOCAL_AUTH_SECRET: 'short' })).toThrow(
      /LOCAL_AUTH_SECRET/,
    );
    expect(() =>
      loadConfig({
        AUTH_MODE: 'local',
        ORG_ID: 'cqrw',
        LOCAL_AUTH_SECRET: 'x'.repeat(32),
        WEBSITE_INSTANCE_ID: 'abc',
      }),
    ).toThrow(/refused on an Azure host[\s\S]*COSMOS_ENDPOINT/);
    expect(() =>
      loadConfig({
        AUTH_MODE: 'local',
        ORG_ID: 'cqrw',
        LOCAL_AUTH_SECRET: 'x'.repeat(32),
        COSMOS_KEY: 'a-key-without-an-account',
      }),
    ).toThrow(/COSMOS_ENDPOINT/);
    // An endpoint alone is a real account reached with the app's managed identity.
    expect(
      loadConfig({
        AUTH_MODE: 'local',
        ORG_ID: 'cqrw',
        LOCAL_AUTH_SECRET: 'x'.repeat(32),
        COSMOS_ENDPOINT: 'https://x',
      }).cosmos,
    ).toMatchObject({ endpoint: 'https://x', key: undefined });
  });
});
