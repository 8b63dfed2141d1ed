import { backupSchema, type Backup, type RestoreResponse } from '../../../shared/api/index.js';
import { LEDGER_KINDS, type LedgerKind } from '../../../shared/ledgers/define.js';
import type { Store, RowVersion } from '../store/types.js';
import type { Clock } from './clock.js';
import { refuse } from './errors.js';
import { contentHash } from './hash.js';
import { requireAdmin, type Principal } from './principal.js';
import { toWire } from './rowViews.js';
import type { LedgerSnapshots } from './ledgerSnapshots.js';
import type { SettingsService } from './settings.js';
import { zhErrorMap, zodDetails } from './zodDetails.js';

/**
 * Backup and restore of a whole organisation (issue 4 §8): settings, every ledger with its
 * tombstones, and the audit. The embedded store keeps data in memory only, so this is how
 * local data outlives the process; in Azure it is the export/import path.
 */
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
    return {
      format: 'union-ledger-backup',
      version: 1,
      orgId: this.orgId,
      createdAt: this.clock.now().toISOString(),
      settings: stored.settings,
      ledgers,
      audit: (await this.store.audit.list(this.orgId)).sort((a, b) =>
        a.at < b.at ? -1 : a.at > b.at ? 1 : 0,
      ),
    };
  }

  /**
   * Writes the backup over what is stored (rows by id; rows not in the backup stay). Rows get
   * new sequence numbers, in their old order, so that every client's next pull sees them.
   * Fields are not re-validated: they passed validation when they were written.
   */
  async restore(principal: Principal, body: unknown): Promise<RestoreResponse> {
    requireAdmin(principal);
    const parsed = backupSchema.safeParse(body, { error: zhErrorMap });
    if (!parsed.success) throw refuse.invalid('备份文件格式不正确', zodDetails(parsed.error));
    const backup = parsed.data;
    if (backup.orgId !== this.orgId || backup.settings.orgId !== this.orgId)
      throw refuse.badRequest(`备份属于组织“${backup.orgId}”，本系统为“${this.orgId}”`);
    await this.settings.replace(backup.settings);
    // Ledgers are separate partitions: restore them side by side.
    const restoring = Promise.all(
      (Object.keys(backup.ledgers) as LedgerKind[]).map(async (kind) => {
        const list = [...(backup.ledgers[kind] ?? [])].sort((a, b) => a.seq - b.seq);
        if (!list.length) return 0;
        const first = await this.store.rows.reserveSeq(this.orgId, kind, list.length);
        const versions: RowVersion[] = list.map((r, i) => ({
          orgId: this.orgId,
          kind,
          rowId: r.rowId,
          unit: r.unit,
          year: r.year,
          fields: r.fields,
          hash: contentHash(r.fields),
          deleted: r.deleted,
          seq: first + i,
          updatedAt: r.updatedAt,
          updatedBy: r.updatedBy,
        }));
        await this.store.rows.write(
          this.orgId,
          kind,
          versions.map((row) => ({ op: 'upsert', row })),
        );
        return versions.length;
      }),
    );
    // Even a restore that failed half-way has written rows: the next figures read them.
    const counts = await restoring.finally(() => this.snapshots.invalidate());
    const rows = counts.reduce((a, b) => a + b, 0);
    await this.store.audit.append(backup.audit.map((a) => ({ ...a, orgId: this.orgId })));
    return { rows, auditEntries: backup.audit.length };
  }
}
