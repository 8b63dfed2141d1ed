import { z } from 'zod';
import { roleSchema } from '../../../shared/settings/schema.js';
import type { TokenSource } from './types.js';

/**
 * Local sign-in (AUTH_MODE=local): the task-pane dev server (addin/dev/server.ts) lists the
 * demo users of the local stack with a local token each, at a path that exists only there.
 * Where it is absent (a built pane served elsewhere), the officer pastes a token printed by
 * `npm start` or `union-ledger token --user …`.
 */
export const LOCAL_USERS_PATH = '/dev/local-users';

export const localUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().default(''),
  role: roleSchema,
  unit: z.string().optional(),
  token: z.string().min(1),
});
export type LocalUser = z.infer<typeof localUserSchema>;
const localUsersSchema = z.object({ users: z.array(localUserSchema) });

/** The demo users, or null when this server offers none. */
export async function fetchLocalUsers(fetchImpl: typeof fetch = fetch): Promise<LocalUser[] | null> {
  try {
    const response = await fetchImpl(LOCAL_USERS_PATH, { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const parsed = localUsersSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.users : null;
  } catch {
    return null;
  }
}

const STORAGE_KEY = 'union-ledger.local-token';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** A fixed local token, kept for the pane's session so that reopening the pane keeps the sign-in. */
export class LocalTokenSource implements TokenSource {
  readonly mode = 'local' as const;
  constructor(private readonly token: string) {
    storage()?.setItem(STORAGE_KEY, token);
  }

  static restore(): LocalTokenSource | null {
    const token = storage()?.getItem(STORAGE_KEY);
    return token ? new LocalTokenSource(token) : null;
  }

  async getToken(): Promise<string> {
    return this.token;
  }

  async signOut(): Promise<void> {
    storage()?.removeItem(STORAGE_KEY);
  }
}
