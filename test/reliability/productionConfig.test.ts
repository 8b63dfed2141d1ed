import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AZURE_HOST_VARIABLES, ConfigError, loadConfig } from '../../functions/src/config.js';
import { startLocalStack } from '../../functions/src/local/stack.js';
import { tokenVerifier } from '../../functions/src/services/auth.js';
import { demoSettings, settingsSchema } from '../../shared/settings/index.js';

/**
 * Issue 14 "production auth holds", the configuration side: local sign-in (a shared HS256
 * secret and demo users) must be impossible on any Azure host, not only where
 * WEBSITE_INSTANCE_ID happens to be set; Entra mode starts only with everything the token
 * checks need, each missing setting named.
 */
const LOCAL = { AUTH_MODE: 'local', ORG_ID: 'cqrw', LOCAL_AUTH_SECRET: 'x'.repeat(40) };
const TENANT = '5e0c1d2a-7b3f-4c61-9a8e-00000000c0de';
const ENTRA = {
  AUTH_MODE: 'entra',
  ORG_ID: 'cqrw',
  ENTRA_ISSUER: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  ENTRA_AUDIENCE: '7a6b5c4d-0000-4000-8000-0000000000a1',
  ENTRA_JWKS_URL: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
  ENTRA_TENANT_ID: TENANT,
  ENTRA_API_SCOPE: 'api://7a6b5c4d-0000-4000-8000-0000000000a1/access_as_user',
  ENTRA_ADDIN_CLIENT_ID: '9f1e2d3c-4b5a-4697-8877-0000000add1e',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('local mode is impossible on any Azure host', () => {
  /**
   * What a Flex Consumption instance shows (Azure/Azure-Functions#2593: WEBSITE_OWNER_NAME in
   * its Flex form), without WEBSITE_INSTANCE_ID, the one variable the old check looked at.
   */
  const flex = {
    WEBSITE_SITE_NAME: 'func-abc123',
    WEBSITE_OWNER_NAME: '00000000-0000-0000-0000-000000000000+flex-99ddf98v18fee2c3d86cb4d0f375-webspace',
    WEBSITE_HOSTNAME: 'func-abc123.azurewebsites.net',
    COSMOS_ENDPOINT: 'https://cosmos-abc123.documents.azure.com:443/',
  };

  it('refuses AUTH_MODE=local on a Flex Consumption instance without WEBSITE_INSTANCE_ID', () => {
    expect(problems({ ...LOCAL, ...flex })).toEqual([
      expect.stringMatching(/^AUTH_MODE: .*refused on an Azure host/),
    ]);
  });

  it.each([...AZURE_HOST_VARIABLES, 'WEBSITE_HOSTNAME'])('refuses it when %s alone is set', (name) => {
    const found = problems({ ...LOCAL, COSMOS_ENDPOINT: 'https://x', [name]: 'something.azurewebsites.net' });
    expect(found).toEqual([expect.stringContaining(`refused on an Azure host (${name} set)`)]);
  });

  it('still runs on a developer machine, where Core Tools sets WEBSITE_HOSTNAME to localhost', () => {
    for (const hostname of ['localhost:7071', '127.0.0.1:7071', '[::1]:7071', 'LOCALHOST'])
      expect(problems({ ...LOCAL, WEBSITE_HOSTNAME: hostname }), hostname).toEqual([]);
    expect(problems(LOCAL)).toEqual([]);
  });

  it('requires the Cosmos endpoint on any Azure host, not only where WEBSITE_INSTANCE_ID is set', () => {
    const { COSMOS_ENDPOINT: _none, ...noStore } = flex;
    expect(problems({ ...ENTRA, ...noStore })).toEqual([expect.stringMatching(/^COSMOS_ENDPOINT: /)]);
    expect(problems({ ...ENTRA, ...flex })).toEqual([]);
  });
});

describe('no way around it: the local stack and the token verifier check the host too', () => {
  it('refuses to start `union-ledger serve`’s local stack on a Flex Consumption instance', async () => {
    const saved = process.env.WEBSITE_OWNER_NAME;
    process.env.WEBSITE_OWNER_NAME = 'sub+flex-0123-webspace';
    try {
      await expect(startLocalStack({ port: 0, log: { error: () => {} } })).rejects.toThrow(
        /refused on an Azure host \(WEBSITE_OWNER_NAME set\)/,
      );
      expect(() => tokenVerifier({ mode: 'local', secret: 'x'.repeat(40) })).toThrow(ConfigError);
    } finally {
      if (saved === undefined) delete process.env.WEBSITE_OWNER_NAME;
      else process.env.WEBSITE_OWNER_NAME = saved;
    }
    expect(() => tokenVerifier({ mode: 'local', secret: 'x'.repeat(40) })).not.toThrow();
  });
});

describe('Entra configuration is parsed at start, each missing setting named', () => {
  it('loads the tenant, the scope name and the allowed clients', () => {
    const config = loadConfig({
      ...ENTRA,
      ENTRA_EXTRA_CLIENT_IDS: ' 04B07795-8DDB-461A-BBEE-02F9E1BF7B46 ',
      ENTRA_TENANT_ID: TENANT.toUpperCase(),
    });
    expect(config.auth).toMatchObject({
      mode: 'entra',
      tenantId: TENANT,
      scope: 'access_as_user',
      clientIds: [ENTRA.ENTRA_ADDIN_CLIENT_ID, '04b07795-8ddb-461a-bbee-02f9e1bf7b46'],
    });
  });

  it.each(['ENTRA_TENANT_ID', 'ENTRA_API_SCOPE', 'ENTRA_ADDIN_CLIENT_ID'])('stops without %s', (name) => {
    const { [name as keyof typeof ENTRA]: _dropped, ...rest } = ENTRA;
    expect(problems(rest)).toEqual([expect.stringMatching(new RegExp(`^${name}: ${name} is required`))]);
  });

  it('refuses malformed values with a message naming them', () => {
    expect(problems({ ...ENTRA, ENTRA_TENANT_ID: 'organizations' })).toEqual([
      expect.stringMatching(/^ENTRA_TENANT_ID: .*GUID/),
    ]);
    expect(problems({ ...ENTRA, ENTRA_API_SCOPE: 'access_as_user' })).toEqual([
      expect.stringMatching(/^ENTRA_API_SCOPE: .*api:\/\//),
    ]);
    expect(problems({ ...ENTRA, ENTRA_EXTRA_CLIENT_IDS: 'azure-cli' })).toEqual([
      expect.stringMatching(/ENTRA_EXTRA_CLIENT_IDS/),
    ]);
    // A sign-in name can be reassigned to someone else; an object id cannot.
    expect(problems({ ...ENTRA, BOOTSTRAP_ADMINS: 'chair@school.edu.cn' })).toEqual([
      expect.stringMatching(/^BOOTSTRAP_ADMINS: .*object ids/),
    ]);
  });
});

describe('settings: Entra users carry oid + tid, local demo users keep working', () => {
  it('keeps the demo settings (local users without oid/tid) valid', () => {
    expect(settingsSchema.safeParse(demoSettings).success).toBe(true);
  });

  it('takes an Entra user with both ids (lower-cased), refuses one with only one of them', () => {
    const oid = 'AB0A0A0A-0000-4000-8000-00000000AD01';
    const parsed = settingsSchema.parse({
      ...demoSettings,
      users: [{ id: 'chair@school.edu.cn', name: '主席', role: 'admin', oid, tid: TENANT }],
    });
    expect(parsed.users[0]).toMatchObject({ oid: oid.toLowerCase(), tid: TENANT });
    const half = settingsSchema.safeParse({
      ...demoSettings,
      users: [{ id: 'chair', name: '主席', role: 'admin', oid }],
    });
    expect(half.success).toBe(false);
    expect(JSON.stringify(half.error?.issues)).toContain('oid 与 tid');
  });
});

describe('docs/deploy.md names what the template, the build and the code read', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const read = (p: string): string => readFileSync(join(root, p), 'utf8');
  const deploy = read('docs/deploy.md');
  const params = read('infra/main.parameters.json');
  const bicep = read('infra/main.bicep');
  const script = read('infra/scripts/build-taskpane.sh');
  const config = read('functions/src/config.ts');
  const fromParams = new Set([...params.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]!));
  const outputs = new Set([...bicep.matchAll(/^output ([A-Z_]+) /gm)].map((m) => m[1]!));
  const appSettings = /var appSettings = \{([\s\S]*?)\n\}/.exec(bicep)?.[1] ?? '';
  const settingNames = new Set([...appSettings.matchAll(/^ {2}([A-Z_]+):/gm)].map((m) => m[1]!));

  it('every `azd env set` of the guide is a parameter of the template or a value of the build script', () => {
    const set = [...deploy.matchAll(/azd env set ([A-Z_]+) /g)].map((m) => m[1]!);
    expect(set.length).toBeGreaterThan(5);
    const azdOwn = new Set(['AZURE_SUBSCRIPTION_ID', 'AZURE_LOCATION', 'AZURE_RESOURCE_GROUP']);
    const unused = set.filter((n) => !azdOwn.has(n) && !fromParams.has(n) && !script.includes(`$${n}`));
    expect(unused).toEqual([]);
  });

  it('every ENTRA_ setting the guide names is read by config.ts, set by the template, or an output', () => {
    const named = [...new Set([...deploy.matchAll(/\bENTRA_[A-Z_]+/g)].map((m) => m[0]))];
    const unknown = named.filter((n) => !config.includes(`${n}:`) && !fromParams.has(n) && !outputs.has(n));
    expect(unknown).toEqual([]);
    // …and every Entra setting config.ts requires is one the template sets.
    const required = [...config.matchAll(/need\('(ENTRA_[A-Z_]+)'/g)].map((m) => m[1]!);
    expect(required.filter((n) => !settingNames.has(n))).toEqual([]);
    for (const name of required) expect(deploy, name).toContain(name);
  });

  it('says users are matched by oid + tid and consent is given by an administrator, not by users', () => {
    expect(deploy).toMatch(/\*\*`tid` \+ `oid`\*\*/);
    expect(deploy).toMatch(/\*Who can consent\*:\s+\*\*Admins only\*\*/);
    expect(deploy).not.toMatch(/Admins\s+and users/);
    expect(deploy).not.toMatch(/object id or UPN/);
  });
});
