import type { Command } from 'commander';
import { issueLocalToken } from '../../functions/src/services/auth.js';
import { createApiClient, type ApiClient } from '../../shared/api/client.js';
import { UserError } from './userError.js';

/**
 * What every CLI command that talks to the API shares (DESIGN.md "Auth"): `--api URL`
 * (default the local stack), and `--token T` or, in local mode, `--user ID` signed with
 * LOCAL_AUTH_SECRET.
 */
export const DEFAULT_API = 'http://localhost:7071/api';

export interface ApiOptions {
  api: string;
  token?: string;
  user?: string;
}

export function withApiOptions(command: Command): Command {
  return command
    .option('--api <url>', 'API 地址', DEFAULT_API)
    .option('--token <token>', '访问令牌（Bearer）')
    .option('--user <id>', '本地模式：以该用户签发令牌（需要环境变量 LOCAL_AUTH_SECRET）');
}

/** A local-mode token (the local stack's signing, functions/src/services/auth.ts): this module is the CLI's one door to it. */
export function localToken(secret: string, user: string, ttlSeconds?: number): Promise<string> {
  return ttlSeconds === undefined ? issueLocalToken(secret, user) : issueLocalToken(secret, user, ttlSeconds);
}

export async function bearerToken(opts: ApiOptions): Promise<string> {
  if (opts.token) return opts.token;
  if (opts.user) return issueLocalToken(localSecret(), opts.user);
  throw new UserError('请用 --token 提供访问令牌，或在本地模式下用 --user 指定用户');
}

export function localSecret(explicit?: string): string {
  const secret = explicit ?? process.env.LOCAL_AUTH_SECRET;
  if (!secret || secret.length < 32)
    throw new UserError('缺少 LOCAL_AUTH_SECRET（至少32个字符）：请使用 `union-ledger serve` 启动时显示的值');
  return secret;
}

/** The one API client (shared/api/client.ts) with this command's address and token. */
export async function apiClient(opts: ApiOptions): Promise<ApiClient> {
  const token = await bearerToken(opts);
  return createApiClient({ baseUrl: opts.api, token: () => token });
}

/** Call the API; an error body of the one shape becomes a UserError with its Chinese message. */
export async function callApi(
  opts: ApiOptions,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const token = await bearerToken(opts);
  let response: Response;
  try {
    response = await fetch(`${opts.api.replace(/\/$/, '')}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new UserError(
      `无法连接 ${opts.api}（${e instanceof Error ? e.message : String(e)}）：服务是否已启动？`,
    );
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new UserError(`服务返回了无法识别的内容（HTTP ${response.status}）`);
  }
  if (!response.ok) {
    const message =
      (json as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    throw new UserError(message);
  }
  return json;
}
