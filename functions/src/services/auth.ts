import type * as Jose from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Actor } from '../../../shared/ledgers/access.js';
import { refuseLocalAuthOnAzure, type AuthConfig, type EntraAuthConfig } from '../config.js';
import { refuse, ServiceError } from './errors.js';
import type { User } from '../../../shared/settings/index.js';
import type { Principal } from './principal.js';
import type { SettingsService } from './settings.js';

/**
 * Bearer tokens (DESIGN.md "Auth"). In Azure: Microsoft Entra ID access tokens checked against
 * the tenant's JWKS (signature RS256, issuer, audience, expiry), then the claims that make a
 * token ours (ADR 0016): `tid` is our tenant, `scp` holds the API's scope (so app-only tokens
 * and tokens for other scopes are refused), and `azp` (`appid` in v1 tokens) is the add-in or
 * another client the configuration names. The user is `tid` + `oid` — immutable, never reused —
 * not `preferred_username`/`upn`, which an administrator can hand to someone else.
 * Locally: HS256 tokens signed with LOCAL_AUTH_SECRET, issued by `union-ledger token`, with an
 * expiry. Either way the role and unit come from settings.users — never from the token.
 */
export const LOCAL_ISSUER = 'union-ledger-local';
export const LOCAL_AUDIENCE = 'union-ledger-api';

/** Who a verified token stands for. */
export type TokenIdentity = { kind: 'local'; userId: string } | { kind: 'entra'; tid: string; oid: string };

export interface TokenVerifier {
  /** The token's user, or null for a genuine token without one. Throws ServiceError(unauthenticated). */
  verify(token: string): Promise<TokenIdentity | null>;
}

/**
 * jose is loaded by the first token to check or sign, not with the app: it is ~25 ms of the
 * cold start (docs/benchmarks.md) that the host's start and the public health check do not need.
 */
const loadJose = (): Promise<typeof Jose> => import('jose');

export function tokenVerifier(config: AuthConfig): TokenVerifier {
  if (config.mode === 'local') {
    // Whatever built this configuration (loadConfig, the local stack), never in Azure.
    refuseLocalAuthOnAzure();
    const key = new TextEncoder().encode(config.secret);
    return {
      async verify(token) {
        const jose = await loadJose();
        const payload = await checked(jose, () =>
          jose.jwtVerify(token, key, {
            issuer: LOCAL_ISSUER,
            audience: LOCAL_AUDIENCE,
            algorithms: ['HS256'],
            // A token that never expires is a password that cannot be changed.
            requiredClaims: ['exp'],
          }),
        );
        return payload.sub ? { kind: 'local', userId: payload.sub } : null;
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
      return entraIdentity(payload, config);
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

const notForUs = (claim: string): ServiceError =>
  refuse.unauthenticated('访问令牌不适用于本系统，请重新登录', { reason: `claim:${claim}` });

/**
 * The claims of a signature-checked Entra token that make it ours, and its user. Not `email`,
 * `preferred_username` or `upn`: they are mutable and reassignable ("nOAuth"), so a token that
 * carried the admin's old sign-in name would have been taken for the admin.
 */
function entraIdentity(payload: JWTPayload, config: EntraAuthConfig): TokenIdentity | null {
  const claim = (name: string): string | undefined =>
    typeof payload[name] === 'string' && payload[name] ? (payload[name] as string) : undefined;
  if (claim('tid')?.toLowerCase() !== config.tenantId) throw notForUs('tid');
  const scopes = (claim('scp') ?? '').split(' ');
  if (!scopes.includes(config.scope)) throw notForUs('scp');
  const client = (claim('azp') ?? claim('appid'))?.toLowerCase();
  if (!client || !config.clientIds.includes(client)) throw notForUs('azp');
  const oid = claim('oid')?.toLowerCase();
  return oid ? { kind: 'entra', tid: config.tenantId, oid } : null;
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
    const identity = await this.verifier.verify(match[1]!);
    const stored = await this.settings.load();
    const key = identity?.kind === 'entra' ? identity.oid : identity?.userId;
    if (!stored) {
      // Object ids are GUIDs, compared without case; local ids exactly.
      const same = (id: string): boolean =>
        identity?.kind === 'entra' ? id.toLowerCase() === key : id === key;
      if (key && this.bootstrapAdmins.some(same))
        return { actor: { userId: key, role: 'admin' }, settings: null, settingsRev: null };
      throw refuse.unavailable('组织设置尚未初始化，请联系校工会管理员');
    }
    const user = identity ? stored.settings.users.find((u) => isUser(u, identity)) : undefined;
    if (!user)
      throw refuse.forbidden(`账号“${key ?? '未知'}”未在工会系统中登记，请联系校工会管理员`, {
        reason: 'unknown_user',
      });
    const actor: Actor = { userId: user.id, role: user.role, unit: user.unit };
    return { actor, settings: stored.settings, settingsRev: stored.rev };
  }
}

/** Entra users by tenant + object id only; local users by their id. */
function isUser(user: User, identity: TokenIdentity): boolean {
  if (identity.kind === 'local') return user.id === identity.userId;
  return user.oid?.toLowerCase() === identity.oid && user.tid?.toLowerCase() === identity.tid;
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}
