import { canAdminister, type Actor } from '../../../shared/ledgers/access.js';
import type { Settings } from '../../../shared/settings/index.js';
import { refuse } from './errors.js';

/** Who is calling, as the services see it: the actor of shared/ledgers and the organisation's settings. */
export interface Principal {
  actor: Actor;
  /** Null only for a bootstrap admin before the organisation has settings. */
  settings: Settings | null;
  settingsRev: string | null;
}

export function requireSettings(principal: Principal): Settings {
  if (!principal.settings)
    throw refuse.unavailable(
      '组织设置尚未初始化：请管理员先导入设置（PUT /api/settings 或 union-ledger restore）',
    );
  return principal.settings;
}

export function requireAdmin(principal: Principal): void {
  if (!canAdminister(principal.actor)) throw refuse.forbidden('仅校工会管理员可以执行此操作');
}
