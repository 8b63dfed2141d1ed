import type { AppConfig } from './config.js';
import { openStore } from './store/index.js';
import type { Store } from './store/types.js';
import { Authenticator, tokenVerifier } from './services/auth.js';
import { BackupService } from './services/backup.js';
import { systemClock, type Clock } from './services/clock.js';
import { FigureRowsService } from './services/figureRows.js';
import { WorkReportService } from './services/reports/workReportService.js';
import { PullService } from './services/pull.js';
import { LedgerSnapshots } from './services/ledgerSnapshots.js';
import { SettingsService } from './services/settings.js';
import { SummaryService } from './services/summary.js';
import { SyncService } from './services/sync.js';

/**
 * The functions app's object graph: configuration, the store, and the services the routes
 * call. One instance per process — the Azure host builds it on first request, the local host
 * at start.
 */
export interface App {
  config: AppConfig;
  store: Store;
  clock: Clock;
  auth: Authenticator;
  settings: SettingsService;
  sync: SyncService;
  pull: PullService;
  summary: SummaryService;
  /** The rows behind a figure (GET /api/summary/rows). */
  figures: FigureRowsService;
  /** The work report draft as Word (GET /api/reports/annual.docx). */
  workReport: WorkReportService;
  backup: BackupService;
  close(): Promise<void>;
}

export async function createApp(
  config: AppConfig,
  opts: { store?: Store; clock?: Clock } = {},
): Promise<App> {
  // Before the store opens: a configuration the verifier refuses (local sign-in on an Azure
  // host) must not leave a store behind.
  const verifier = tokenVerifier(config.auth);
  const store = opts.store ?? (await openStore(config.cosmos));
  const clock = opts.clock ?? systemClock;
  const { orgId } = config;
  const settings = new SettingsService(store.settings, orgId, config.auth.mode);
  const snapshots = new LedgerSnapshots(store.rows, orgId);
  const summary = new SummaryService(snapshots, clock);
  return {
    config,
    store,
    clock,
    auth: new Authenticator(verifier, settings, config.bootstrapAdmins),
    settings,
    summary,
    figures: new FigureRowsService(snapshots),
    workReport: new WorkReportService(snapshots, clock),
    sync: new SyncService({
      store,
      snapshots,
      orgId,
      clock,
    }),
    pull: new PullService(store, orgId, clock),
    backup: new BackupService(store, settings, snapshots, orgId, clock),
    close: () => store.close(),
  };
}
