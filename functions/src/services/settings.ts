import { WELFARE_TYPES } from '../../../shared/ledgers/welfare.js';
import { settingsSchema, type Settings } from '../../../shared/settings/index.js';
import { StorePreconditionError } from '../store/errors.js';
import type { SettingsStore } from '../store/types.js';
import { refuse } from './errors.js';
import { requireAdmin, type Principal } from './principal.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/**
 * The organisation's settings (DESIGN.md `GET/PUT /api/settings`): units, spending standards,
 * accounts, users and roles. Only admin changes them; everyone signed in reads what the
 * add-in needs to validate locally, and non-admins see no other user.
 */
export interface SettingsView {
  settings: Settings;
  rev: string;
}

export class SettingsService {
  constructor(
    private readonly store: SettingsStore,
    private readonly orgId: string,
    /** How users sign in (AUTH_MODE): with Entra, only entries with oid + tid can. */
    readonly signIn: 'entra' | 'local' = 'local',
  ) {}

  /** The last settings parsed, by revision: the same revision is not validated again. */
  private parsed: SettingsView | null = null;
  /** The read in flight, which callers arriving meanwhile share. */
  private reading: Promise<SettingsView | null> | null = null;

  /**
   * The stored settings, validated; null when the organisation has none yet. Every request's
   * authentication asks (issue 17: at 20 connections a summary request spent more on this than
   * on its figures): callers arriving while a read is in flight share it — they see the
   * settings as of at most one store round trip before they arrived — and a revision already
   * validated is not validated again.
   */
  load(): Promise<SettingsView | null> {
    if (this.reading) return this.reading;
    const reading = this.read().finally(() => {
      if (this.reading === reading) this.reading = null;
    });
    this.reading = reading;
    return reading;
  }

  private async read(): Promise<SettingsView | null> {
    const doc = await this.store.get(this.orgId);
    if (!doc) return null;
    if (this.parsed?.rev === doc.rev) return this.parsed;
    const parsed = settingsSchema.safeParse(doc.settings);
    // Stored settings passed this schema when written; a failure means the schema moved on.
    if (!parsed.success) throw refuse.unavailable('已保存的组织设置不符合当前格式，请管理员重新保存设置');
    this.parsed = { settings: parsed.data, rev: doc.rev };
    return this.parsed;
  }

  view(principal: Principal): SettingsView {
    if (!principal.settings) throw refuse.notFound('组织设置尚未初始化');
    const { settings } = principal;
    const users =
      principal.actor.role === 'admin'
        ? settings.users
        : settings.users.filter((u) => u.id === principal.actor.userId);
    return { settings: { ...settings, users }, rev: principal.settingsRev ?? '' };
  }

  async put(principal: Principal, body: unknown, ifMatch?: string): Promise<SettingsView> {
    requireAdmin(principal);
    const parsed = settingsSchema.safeParse(body, { error: zhErrorMap });
    if (!parsed.success) throw refuse.invalid('组织设置不符合要求', zodDetails(parsed.error));
    const settings = parsed.data;
    if (settings.orgId !== this.orgId)
      throw refuse.badRequest(`组织编号应为“${this.orgId}”，收到“${settings.orgId}”`);
    checkConsistency(settings, this.signIn);
    try {
      const doc = await this.store.put(this.orgId, settings, ifMatch);
      return { settings, rev: doc.rev };
    } catch (e) {
      if (e instanceof StorePreconditionError) throw refuse.conflict('组织设置已被他人修改，请刷新后重试');
      throw e;
    }
  }

  /** Restore and seeding write settings without a principal (the caller checked who may). */
  async replace(settings: Settings): Promise<SettingsView> {
    const doc = await this.store.put(this.orgId, settings);
    return { settings, rev: doc.rev };
  }
}

/** Refuses settings that break a rule across them (PUT /settings and restore alike). */
function checkConsistency(settings: Settings, signIn: 'entra' | 'local' = 'local'): void {
  const problems = settingsProblems(settings, signIn);
  if (problems.length) throw refuse.badRequest(`组织设置有误：${problems.join('；')}`, { problems });
}

/** Rules across the settings that the schema does not state: unique ids, officers bound to known units, an admin left who can sign in. */
export function settingsProblems(settings: Settings, signIn: 'entra' | 'local' = 'local'): string[] {
  const problems: string[] = [];
  const unitIds = new Set<string>();
  for (const u of settings.units) {
    if (unitIds.has(u.id)) problems.push(`单位编号“${u.id}”重复`);
    unitIds.add(u.id);
  }
  const userIds = new Set<string>();
  const entraUsers = new Set<string>();
  for (const u of settings.users) {
    if (userIds.has(u.id)) problems.push(`账号“${u.id}”重复`);
    userIds.add(u.id);
    // One Entra person is one account: two entries would give one token two roles.
    if (u.oid && u.tid) {
      if (entraUsers.has(`${u.tid}/${u.oid}`))
        problems.push(`账号“${u.id}”的 Entra 对象 ID（oid）与其他账号重复`);
      entraUsers.add(`${u.tid}/${u.oid}`);
    }
    if (u.unit && !unitIds.has(u.unit)) problems.push(`账号“${u.id}”的所属单位“${u.unit}”不在单位名单中`);
  }
  if (!settings.users.some((u) => u.role === 'admin')) problems.push('至少保留一个校工会管理员（admin）账号');
  // Settings whose admins cannot sign in would lock everyone out: bootstrap admins count only
  // while there are no settings.
  else if (signIn === 'entra' && !settings.users.some((u) => u.role === 'admin' && u.oid && u.tid))
    problems.push('至少保留一个填写了 Entra 对象 ID（oid）和租户 ID（tid）的管理员账号，否则无人能登录');
  for (const type of settings.sensitiveWelfareTypes)
    if (!(WELFARE_TYPES as readonly string[]).includes(type))
      problems.push(`敏感慰问类别“${type}”不是慰问台账的类别`);
  const codes = new Set<string>();
  for (const a of settings.accounts) {
    if (codes.has(a.code)) problems.push(`科目代码“${a.code}”重复`);
    codes.add(a.code);
  }
  return problems;
}
