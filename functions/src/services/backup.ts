import {
  auditEntrySchema,
  backupSchema,
  type Backup,
  type RestorePlan,
  type RestoreResponse,
} from '../../../shared/api/index.js';
import { LEDGER_KINDS, rowYear, validateRow, type LedgerKind } from '../../../shared/ledgers/define.js';
import { renderValue } from '../../../shared/sheet/render.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { accountByCode, unitById, type Settings } from '../../../shared/settings/index.js';
import type { StoredRowWire } from '../../../shared/api/index.js';
import type { AuditEntry, RowVersion, Store, StoredRow } from '../store/types.js';
import { fieldChanges } from './audit.js';
import { isoDateInShanghai, type Clock } from './clock.js';
import { ServiceError, refuse } from './errors.js';
import { ERROR_CODES } from '../../../shared/api/index.js';
import { contentHash } from './hash.js';
import { requireAdmin, type Principal } from './principal.js';
import { formerUnitsAfter, toWire } from './rowViews.js';
import type { LedgerSnapshots } from './ledgerSnapshots.js';
import { settingsProblems, type SettingsService } from './settings.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/**
 * Backup and restore of a whole organisation (issue 4 §8): settings, every ledger with its
 * tombstones, and the audit. The embedded store keeps data in memory only, so this is how
 * local data outlives the process; in Azure it is the export/import path.
 *
 * A restore is an import like any other (issue 14): the settings pass the check PUT /settings
 * makes, every row its ledger's schema and the settings (known unit, known account), the audit
 * entries their schema — all before anything is written. A backup is checked by the same
 * function when it is made, so a backup that would not restore is never handed out.
 */
export interface CheckedBackup {
  settings: Settings;
  /** Per ledger, the rows to restore, in their old order, their fields as the schema typed them. */
  rows: Partial<Record<LedgerKind, StoredRowWire[]>>;
  audit: AuditEntry[];
}

/** At most this many problems are listed; the count says how many there were. */
const PROBLEMS_LISTED = 50;

/** Everything wrong with a backup (empty when it may be restored), and the rows as checked. */
export function checkBackup(
  backup: Backup,
  orgId: string,
  today: string,
  /** How users sign in here: restored settings must leave an admin who can (as PUT /settings). */
  signIn: 'entra' | 'local' = 'local',
): { problems: string[]; checked: CheckedBackup } {
  const problems: string[] = [];
  const { settings } = backup;
  if (backup.orgId !== orgId || settings.orgId !== orgId)
    problems.push(`备份属于组织“${backup.orgId}”，本系统为“${orgId}”`);
  for (const p of settingsProblems(settings, signIn)) problems.push(`组织设置：${p}`);
  const rows: CheckedBackup['rows'] = {};
  for (const kind of Object.keys(backup.ledgers) as LedgerKind[]) {
    const ledger = ledgers[kind];
    const seen = new Set<string>();
    const out: StoredRowWire[] = [];
    for (const row of backup.ledgers[kind] ?? []) {
      const where = `${ledger.title}第${out.length + 1}行（${row.rowId}）`;
      if (seen.has(row.rowId)) {
        problems.push(`${where}：行编号重复`);
        continue;
      }
      seen.add(row.rowId);
      if (!unitById(settings, row.unit)) problems.push(`${where}：单位“${row.unit}”不在单位名单中`);
      if (row.deleted) {
        // A tombstone keeps where it belonged, not what it said (as a delete writes it).
        out.push({ ...row, fields: {} });
        continue;
      }
      const parsed = ledger.schema.safeParse(row.fields, { error: zhErrorMap });
      if (!parsed.success) {
        const fields = zodDetails(parsed.error)
          .problems.map((d) => d.path.split('.')[0] ?? '')
          .filter(Boolean);
        problems.push(
          `${where}：内容不符合台账格式${fields.length ? `（${[...new Set(fields)].join('、')}）` : ''}`,
        );
        continue;
      }
      const fields = parsed.data as Record<string, unknown>;
      // The schema types a field; the ledger's rules (signs, caps, required-if) run on cells.
      // The row goes back into the cells it was typed as and through the check a push makes.
      const refused = rowRefusal(kind, fields, settings, today);
      if (refused) problems.push(`${where}：${refused}`);
      if ('unit' in fields && fields.unit !== row.unit)
        problems.push(`${where}：行的单位与内容中的单位不一致`);
      if (typeof fields.account === 'string' && !accountByCode(settings, fields.account))
        problems.push(`${where}：科目“${fields.account}”不在科目表中`);
      const year = rowYear(ledger, fields);
      if (year !== row.year) problems.push(`${where}：年度应为${year ?? '空'}，备份中为${row.year ?? '空'}`);
      out.push({ ...row, fields });
    }
    if (out.length) rows[kind] = out;
  }
  const ids = new Set<string>();
  const audit: AuditEntry[] = [];
  backup.audit.forEach((entry, i) => {
    const parsed = auditEntrySchema.strict().safeParse(entry);
    const where = `审计记录第${i + 1}条`;
    if (!parsed.success) return void problems.push(`${where}：格式不正确`);
    const e = parsed.data;
    if (!(LEDGER_KINDS as readonly string[]).includes(e.kind))
      problems.push(`${where}：台账“${e.kind}”不存在`);
    if (e.orgId !== orgId) problems.push(`${where}：属于组织“${e.orgId}”`);
    if (ids.has(e.id)) problems.push(`${where}：编号“${e.id}”重复`);
    ids.add(e.id);
    audit.push(e as AuditEntry);
  });
  return { problems, checked: { settings, rows, audit } };
}

/** The first error a push of this row, as stored, would get (its own checks, without other rows). */
function rowRefusal(
  kind: LedgerKind,
  fields: Record<string, unknown>,
  settings: Settings,
  today: string,
): string | null {
  const ledger = ledgers[kind];
  const cells: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(ledger.fields))
    // A pulled identity number is masked for show; here the four characters are the cell.
    cells[key] =
      field.type === 'idLast4'
        ? (fields[key] ?? null)
        : renderValue(field.type, fields[key], { settings, dateStyle: 'text' });
  const verdict = validateRow(ledger, { cells }, { settings, today });
  if (verdict.fields) return null;
  return verdict.issues.find((i) => i.severity === 'error')?.message ?? '内容不符合台账规则';
}

function refusal(problems: string[]): ServiceError {
  const listed = problems.slice(0, PROBLEMS_LISTED);
  return refuse.badRequest(`备份未通过检查（${problems.length}处问题），未写入任何数据：${listed[0]}`, {
    problems: listed,
    count: problems.length,
  });
}

export class BackupService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    /** Read for a backup; told of a restore, which writes past them (figures must not wait out their freshness bound). */
    private readonly snapshots: LedgerSnapshots,
    private readonly orgId: string,
    private readonly clock: Clock,
  ) {}

  async backup(principal: Principal): Promise<Backup> {
    requireAdmin(principal);
    const stored = await this.settings.load();
    if (!stored) throw refuse.notFound('组织设置尚未初始化，没有可备份的数据');
    // Every ledger, tombstones included, as committed before this call (one query).
    const read = await this.snapshots.current(LEDGER_KINDS);
    const ledgers: Backup['ledgers'] = {};
    for (const kind of LEDGER_KINDS) {
      const rows = [...read[kind].values()].sort((a, b) => a.seq - b.seq);
      if (rows.length) ledgers[kind] = rows.map(toWire);
    }
    const backup = backupSchema.safeParse({
      format: 'union-ledger-backup',
      version: 1,
      orgId: this.orgId,
      createdAt: this.clock.now().toISOString(),
      settings: stored.settings,
      ledgers,
      audit: (await this.store.audit.list(this.orgId)).sort((a, b) =>
        a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
      ),
    });
    // The export passes the checks a restore makes: a backup that would not restore is a fault
    // to see today, not on the day it is needed.
    const problems = backup.success
      ? checkBackup(backup.data, this.orgId, isoDateInShanghai(this.clock.now()), this.settings.signIn)
          .problems
      : zodDetails(backup.error).problems.map((d) => `${d.path}：${d.message}`);
    if (!backup.success || problems.length)
      throw new ServiceError(
        ERROR_CODES.internal,
        `存储中有${problems.length}处数据不符合格式，备份未生成，请联系管理员：${problems[0]}`,
        { problems: problems.slice(0, PROBLEMS_LISTED), count: problems.length },
      );
    return backup.data;
  }

  /**
   * Writes a checked backup over what is stored: rows by id (rows created after the backup stay
   * as they are), audit entries create-only, settings last. With `dryRun`, writes nothing and
   * answers what would change. See docs/reliability.md "Restore".
   */
  async restore(
    principal: Principal,
    body: unknown,
    options: { dryRun?: boolean } = {},
  ): Promise<RestoreResponse> {
    requireAdmin(principal);
    const parsed = backupSchema.safeParse(body, { error: zhErrorMap });
    if (!parsed.success) throw refuse.invalid('备份文件格式不正确', zodDetails(parsed.error));
    const { problems, checked } = checkBackup(
      parsed.data,
      this.orgId,
      isoDateInShanghai(this.clock.now()),
      this.settings.signIn,
    );
    if (problems.length) throw refusal(problems);

    const current = await this.settings.load();
    const read = await this.snapshots.current(LEDGER_KINDS);
    const existingAudit = new Set((await this.store.audit.list(this.orgId)).map((e) => e.id));
    const plan: RestorePlan = {
      settings: !current
        ? 'new'
        : contentHash(current.settings as unknown as Record<string, unknown>) ===
            contentHash(checked.settings as unknown as Record<string, unknown>)
          ? 'unchanged'
          : 'changed',
      ledgers: {},
      audit: { create: 0, existing: 0 },
    };
    const writes: {
      kind: LedgerKind;
      rows: { row: StoredRowWire; before?: StoredRow }[];
    }[] = [];
    for (const kind of LEDGER_KINDS) {
      const stored = read[kind];
      const list = checked.rows[kind] ?? [];
      const inBackup = new Set(list.map((r) => r.rowId));
      const counts = { create: 0, update: 0, unchanged: 0, kept: 0 };
      const changed: { row: (typeof list)[number]; before?: StoredRow }[] = [];
      for (const row of list) {
        const before = stored.get(row.rowId);
        if (!before) counts.create++;
        else if (before.deleted === row.deleted && before.hash === contentHash(row.fields)) {
          counts.unchanged++;
          continue;
        } else counts.update++;
        changed.push(before ? { row, before } : { row });
      }
      for (const id of stored.keys()) if (!inBackup.has(id)) counts.kept++;
      if (list.length || counts.kept) plan.ledgers[kind] = counts;
      if (changed.length) writes.push({ kind, rows: changed });
    }
    const newAudit = checked.audit.filter((e) => !existingAudit.has(e.id));
    plan.audit = { create: newAudit.length, existing: checked.audit.length - newAudit.length };
    if (options.dryRun) return { rows: 0, auditEntries: 0, dryRun: true, plan };

    // The write order leaves a usable system wherever it is cut off, and a second run finishes
    // it: first the old audit entries (history only adds), then the rows (each ledger on its
    // own; unchanged rows are not written again), the settings last — until then the current
    // settings decide who may do what, so a half-done restore never locks anyone out.
    if (newAudit.length) await this.store.audit.append(newAudit.map((a) => ({ ...a, orgId: this.orgId })));
    let written = 0;
    const restoredAt = this.clock.now().toISOString();
    try {
      for (const { kind, rows } of writes) {
        const first = await this.store.rows.reserveSeq(this.orgId, kind, rows.length);
        const versions: RowVersion[] = rows.map(({ row, before }, i) => {
          const version: RowVersion = {
            orgId: this.orgId,
            kind,
            rowId: row.rowId,
            unit: row.unit,
            year: row.year,
            fields: row.fields,
            hash: contentHash(row.fields),
            deleted: row.deleted,
            seq: first + i,
            updatedAt: row.updatedAt,
            updatedBy: row.updatedBy,
          };
          const formerUnits = formerUnitsAfter(before, row.unit);
          if (formerUnits) version.formerUnits = formerUnits;
          // The restore is a change too: who restored what, over what.
          version.change = {
            id: `${kind}-${row.rowId}-${version.seq}`,
            orgId: this.orgId,
            at: restoredAt,
            by: principal.actor.userId,
            kind,
            rowId: row.rowId,
            action: 'restore',
            seq: version.seq,
            changes: fieldChanges(
              before && !before.deleted ? before.fields : {},
              row.deleted ? {} : row.fields,
            ),
          };
          return version;
        });
        const outcomes = await this.store.rows.write(
          this.orgId,
          kind,
          versions.map((row) => ({ op: 'upsert', row })),
        );
        const done = versions.filter((_, i) => outcomes[i]?.status === 'written');
        written += done.length;
        await this.store.audit.append(done.map((v) => v.change!));
        if (done.length < versions.length)
          throw refuse.unavailable('部分行未能写入，请稍后再次执行恢复（已写入的行不会重复写入）');
      }
    } finally {
      // Even a restore that failed half-way has written rows: the next figures read them.
      this.snapshots.invalidate();
    }
    if (plan.settings !== 'unchanged') await this.settings.replace(checked.settings);
    return { rows: written, auditEntries: newAudit.length, plan };
  }
}
