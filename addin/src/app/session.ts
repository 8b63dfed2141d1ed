import type { ApiClient } from '../../../shared/api/client.js';
import { PaneError, type Session } from './syncController.js';

/**
 * Who is signed in: the token names the user (local `sub`; Entra `oid`, `preferred_username`…),
 * GET /api/settings gives the organisation's settings and that user's role and unit. Admins
 * receive every user, so the token's claims pick the right one; others receive only themselves.
 */
export function tokenUserIds(token: string): string[] {
  const part = token.split('.')[1];
  if (!part) return [];
  try {
    const b64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    return ['oid', 'preferred_username', 'upn', 'email', 'sub'].flatMap((k) =>
      typeof claims[k] === 'string' && claims[k] ? [claims[k] as string] : [],
    );
  } catch {
    return [];
  }
}

export async function loadSession(
  api: ApiClient,
  token: string | null,
  preferredId?: string,
): Promise<Session> {
  const { settings } = await api.settings();
  const ids = [...(preferredId ? [preferredId] : []), ...(token ? tokenUserIds(token) : [])];
  const user =
    ids.map((id) => settings.users.find((u) => u.id === id)).find((u) => u !== undefined) ??
    (settings.users.length === 1 ? settings.users[0] : undefined);
  if (!user) throw new PaneError('该账号未在组织设置中登记，请联系校工会管理员');
  return { userId: user.id, name: user.name || user.id, role: user.role, unit: user.unit, settings };
}
