import type * as Jose from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Actor } from '../../../shared/ledgers/access.js';
import type { AuthConfig } from '../config.js';
import { refuse, ServiceError } from './errors.js';
import type { Principal } from './principal.js';
import type { SettingsService } from './settings.js';

/**
 * Bearer tokens (DESIGN.md "Auth"). In Azure: Microsoft Entra ID tokens checked against the
 * tenant's JWKS (signature RS256, issuer, audience, expiry). Locally: HS256 tokens signed with
 * LOCAL_AUTH_SECRET, issued by `union-ledger token`. Either way the role and unit come from
 * settings.users, keyed by the token's user — never from the token.
 */
export const LOCAL_ISSUER = 'union-ledger-local';
export const LOCAL_AUDIENCE = 'union-ledger-api';

export interface TokenVerifier {
  /** The user ids the token may stand for, most specific first. Throws ServiceError(unauthenticated). */
  verify(token: string): Promise<string[]>;
}

/**
 * jose is loaded by the first token to check or sign, not with the app: it is ~25 ms of the
 * cold start (docs/benchmarks.md) that the host's start and the public health check do not need.
 */
const loadJose = (): Promise<typeof Jose> => import('jose');

export function tokenVerifier(config: AuthConfig): TokenVerifier {
  if (config.mode === 'local') {
    const key = new TextEncoder().encode(config.secret);
    return {
      async verify(token) {
        const jose = await loadJose();
        const payload = await checked(jose, () =>
          jose.jwtVerify(token, key, {
            issuer: LOCAL_ISSUER,
            audience: LOCAL_AUDIENCE,
            algorithms: ['HS256'],
          }),
        );
        return payload.sub ? [payload.sub] : [];
      },
    };
  }
  const jwksUrl = new URL(config.jwksUrl);
  // The key set (and its cache) is made once, with jose, by the first token.
  let jwks: JWTVerifyGetKey | undefined;
  const keySet = ({ createRemoteJWKSet, errors: joseErrors }: typeof Jose): JWTVerifyGetKey => {
    if (jwks) return jwks;
    const remote = createRemoteJWKSet(jwksUrl, {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
    });
    // A key set that cannot be fetched is an outage (503), not a bad token (401): a 401 would
    // send every user to sign in again while the cause is on our side.
    jwks = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (e) {
        if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys)
          throw e;
        if (e instanceof TypeError || (e instanceof joseErrors.JOSEError && e.code === 'ERR_JOSE_GENERIC'))
          throw new KeySetUnavailable(e);
        throw e;
      }
    };
    return jwks;
  };
  return {
    async verify(token) {
      const jose = await loadJose();
      const payload = await checked(jose, () =>
        jose.jwtVerify(token, keySet(jose), {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: ['RS256'],
          clockTolerance: 60,
          requiredClaims: ['exp'],
        }),
      );
      return entraUserIds(payload);
    },
  };
}

/** The JWKS endpoint failed (HTTP error or network); the caller should answer 503. */
class KeySetUnavailable extends Error {
  constructor(cause: unknown) {
    super('JWKS unavailable', { cause });
    this.name = 'KeySetUnavailable';
  }
}

/**
 * Settings list users by Entra object id or by sign-in name, tried in this order (the first
 * that settings know wins). Not `email`: it is not an identity — mutable, and unverified for
 * some accounts ("nOAuth") — so an officer whose token also carried the admin's address would
 * have been taken for the admin.
 */
function entraUserIds(payload: JWTPayload): string[] {
  const ids: string[] = [];
  for (const claim of ['oid', 'preferred_username', 'upn', 'sub'])
    if (typeof payload[claim] === 'string' && payload[claim]) ids.push(payload[claim] as string);
  return ids;
}

async function checked(
  { errors: joseErrors }: typeof Jose,
  verify: () => Promise<{ payload: JWTPayload }>,
): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired)
      throw refuse.unauthenticated('访问令牌已过期，请重新登录', { reason: 'expired' });
    if (e instanceof joseErrors.JWTClaimValidationFailed)
      throw refuse.unauthenticated('访问令牌不适用于本系统，请重新登录', { reason: `claim:${e.claim}` });
    if (
      e instanceof KeySetUnavailable ||
      e instanceof joseErrors.JWKSTimeout ||
      e instanceof joseErrors.JWKSInvalid
    )
      throw refuse.unavailable('身份验证服务暂不可用，请稍后重试');
    if (e instanceof joseErrors.JOSEError)
      throw refuse.unauthenticated('访问令牌无效，请重新登录', { reason: e.code });
    // fetch failures of the JWKS (network) are not the caller's fault
    if (e instanceof TypeError) throw refuse.unavailable('身份验证服务暂不可用，请稍后重试');
    throw e;
  }
}

/** A local-mode token for a user id (the CLI's `token` and the local stack's printout). */
export async function issueLocalToken(
  secret: string,
  userId: string,
  ttlSeconds = 30 * 24 * 3600,
): Promise<string> {
  const { SignJWT } = await loadJose();
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}

export class Authenticator {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly settings: SettingsService,
    /** Users who act as admin while the organisation has no settings yet (first deployment). */
    private readonly bootstrapAdmins: readonly string[] = [],
  ) {}

  async authenticate(authorization: string | null | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw refuse.unauthenticated();
    const ids = await this.verifier.verify(match[1]!);
    const stored = await this.settings.load();
    if (!stored) {
      const boot = ids.find((id) => this.bootstrapAdmins.includes(id));
      if (boot) return { actor: { userId: boot, role: 'admin' }, settings: null, settingsRev: null };
      throw refuse.unavailable('组织设置尚未初始化，请联系校工会管理员');
    }
    // The token's ids in the verifier's order, most specific first: the first one settings know
    // decides (not the first user of settings that matches any of them).
    const byId = new Map(stored.settings.users.map((u) => [u.id.toLowerCase(), u]));
    const user = ids.map((id) => byId.get(id.toLowerCase())).find((u) => u !== undefined);
    if (!user)
      throw refuse.forbidden(`账号“${ids[0] ?? '未知'}”未在工会系统中登记，请联系校工会管理员`, {
        reason: 'unknown_user',
      });
    const actor: Actor = { userId: user.id, role: user.role, unit: user.unit };
    return { actor, settings: stored.settings, settingsRev: stored.rev };
  }
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}
