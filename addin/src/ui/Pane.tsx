import {
  Body1Strong,
  Button,
  Caption1,
  Dropdown,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Subtitle2,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ArrowDownloadRegular,
  ArrowSyncRegular,
  CheckmarkCircleRegular,
  DataBarVerticalRegular,
  DismissRegular,
  MoneyRegular,
  PersonRegular,
  PlugDisconnectedRegular,
  SignOutRegular,
  TableAddRegular,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canSeeBudgetExecution, canWriteLedger } from '../../../shared/ledgers/access.js';
import { LEDGER_KINDS, type LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { unitName } from '../../../shared/settings/index.js';
import type { ApiClient } from '../api/client.js';
import { isApiError, isOffline } from '../api/errors.js';
import type { PaneHost } from '../app/host.js';
import {
  SyncController,
  type ConflictItem,
  type DeleteRequest,
  type Progress,
  type PullOutcome,
  type ResultItem,
  type Session,
  type SheetView,
} from '../app/syncController.js';
import { ConflictCard } from './ConflictCard.js';
import { DeleteDialog } from './DeleteDialog.js';
import { countsText, ROLE_LABELS } from './labels.js';
import { ResultsList } from './ResultsList.js';
import { SheetCard } from './SheetCard.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    boxSizing: 'border-box',
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  wide: { gridColumn: '1 / -1' },
  fill: { width: '100%', minWidth: 0, maxWidth: '100%' },
  label: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  footer: { color: tokens.colorNeutralForeground4, textAlign: 'center', paddingTop: tokens.spacingVerticalS },
});

export interface PaneProps {
  host: PaneHost;
  api: ApiClient;
  session: Session;
  onSignOut(): void;
}

interface Busy {
  label: string;
  progress?: Progress;
}

const THIS_YEAR = Number(new Date().toISOString().slice(0, 4));

function errorText(e: unknown): string {
  if (isApiError(e) && e.kind === 'unauthenticated') return `${e.message}（请点击右上角退出后重新登录）`;
  return e instanceof Error ? e.message : String(e);
}

function pullText(p: PullOutcome | null): string {
  if (!p) return '';
  const parts = [
    p.added && `新增 ${p.added} 行`,
    p.updated && `更新 ${p.updated} 行`,
    p.deleted && `删除 ${p.deleted} 行`,
  ].filter(Boolean);
  return parts.length ? `；从服务器拉取：${parts.join('，')}` : '';
}

/** The task pane after sign-in: the active sheet, the actions, progress, conflicts and results. */
export function Pane({ host, api, session, onSignOut }: PaneProps) {
  const s = useStyles();
  const controller = useMemo(
    () => new SyncController({ workbook: host.workbook, api, session: () => session }),
    [host, api, session],
  );
  const [view, setView] = useState<SheetView | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [results, setResults] = useState<{ title: string; items: ResultItem[]; empty: string } | null>(null);
  const [conflicts, setConflicts] = useState<ConflictItem[]>([]);
  const [offline, setOffline] = useState<{ message: string; unsent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleteAsk, setDeleteAsk] = useState<{
    requests: DeleteRequest[];
    resolve: (ids: string[]) => void;
  } | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const busyRef = useRef(false);
  const retryRef = useRef<(() => void) | null>(null);

  const actor = { userId: session.userId, role: session.role, unit: session.unit };
  const writable = LEDGER_KINDS.filter((k) => canWriteLedger(actor, ledgers[k].scope));
  const canBudget = canSeeBudgetExecution(actor);
  const shownYear = year ?? view?.year ?? THIS_YEAR;
  const years = [
    ...new Set([THIS_YEAR, ...(view?.year ? [view.year] : []), ...[1, 2, 3, 4].map((d) => THIS_YEAR - d)]),
  ].sort((a, b) => b - a);

  /**
   * The sheet card. After an operation on `done` (the sheet it worked on), the card shows the
   * sheet as the operation left it, without reading it again.
   */
  const refresh = useCallback(
    async (done?: string): Promise<void> => {
      try {
        const sheet = done ?? (await host.activeSheet());
        setView(await controller.inspect(sheet, undefined, { reuse: done !== undefined }));
        setViewError(null);
      } catch (e) {
        setView(null);
        setViewError(errorText(e));
      }
    },
    [host, controller],
  );

  useEffect(() => {
    void refresh();
    const onFocus = (): void => {
      if (!busyRef.current) void refresh();
    };
    const off = host.onActiveSheetChanged?.(onFocus);
    window.addEventListener('focus', onFocus);
    return () => {
      off?.();
      window.removeEventListener('focus', onFocus);
    };
  }, [host, refresh]);

  const askDeletes = (requests: DeleteRequest[]): Promise<string[]> =>
    new Promise((resolve) => setDeleteAsk({ requests, resolve }));

  const run = async (label: string, action: () => Promise<void>): Promise<void> => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy({ label });
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      if (isOffline(e)) {
        setOffline({ message: (e as Error).message, unsent: 0 });
        retryRef.current = () => void run(label, action);
      } else setError(errorText(e));
    } finally {
      busyRef.current = false;
      setBusy(null);
      await refresh(view?.sheet);
    }
  };

  const onProgress = (label: string) => (progress: Progress) => setBusy({ label, progress });
  const sheetName = async (): Promise<string> => view?.sheet ?? (await host.activeSheet());

  const validate = () =>
    run('校验', async () => {
      const o = await controller.validate(await sheetName());
      setResults({ title: '校验结果', items: o.results, empty: `共 ${o.rows} 行，全部通过校验。` });
      setNotice(
        o.invalidRows || o.warningRows
          ? `校验完成：${o.rows} 行中 ${o.invalidRows} 行有错误，${o.warningRows} 行有提醒。点击下方条目可定位到单元格。`
          : `校验完成：${o.rows} 行全部通过。`,
      );
    });

  const sync = (): Promise<void> =>
    run('同步', async () => {
      const o = await controller.sync(await sheetName(), {
        confirmDeletes: askDeletes,
        onProgress: onProgress('同步'),
      });
      setResults({ title: '同步结果', items: o.results, empty: '服务器没有发现问题。' });
      setConflicts(o.conflicts);
      if (o.failure && isOffline(o.failure)) {
        setOffline({ message: o.failure.message, unsent: o.unsent });
        retryRef.current = () => void sync();
      } else if (o.failure) {
        setError(
          `${errorText(o.failure)}${o.unsent ? `（${o.unsent} 行未发送，已在表格中标记为“失败”）` : ''}`,
        );
      } else {
        setOffline(null);
        setNotice(
          `同步完成：${countsText(o.counts)}${pullText(o.pull)}${o.conflicts.length ? '；请在下方处理冲突' : ''}${misplacedText(o.misplaced.length)}`,
        );
      }
    });

  const pull = (): Promise<void> =>
    run('拉取', async () => {
      const o = await controller.pull(await sheetName(), { onProgress: onProgress('拉取') });
      setConflicts(o.conflicts);
      setOffline(null);
      const text = pullText(o).replace(/^；从服务器拉取：/, '');
      setNotice(
        `拉取完成：${text || '没有新的变化'}${o.conflicts.length ? `；${o.conflicts.length} 行本地有未同步的修改，已保留` : ''}`,
      );
    });

  const resolve = (conflict: ConflictItem, choice: 'mine' | 'server') =>
    run(choice === 'mine' ? '保留我的' : '采用服务器的', async () => {
      const o = await controller.resolve(await sheetName(), conflict, choice, {
        confirmDeletes: askDeletes,
        onProgress: onProgress('同步'),
      });
      if ('counts' in o) {
        setConflicts(o.conflicts);
        setResults({ title: '同步结果', items: o.results, empty: '服务器没有发现问题。' });
        if (o.failure) throw o.failure;
        setNotice(`已保留我的版本：${countsText(o.counts)}`);
      } else {
        setConflicts((list) => list.filter((c) => c.rowId !== conflict.rowId));
        setNotice('已采用服务器上的版本。');
      }
    });

  const insertTemplate = (kind: LedgerKind) =>
    run('插入模板', async () => {
      const units =
        session.role === 'officer' && session.unit
          ? [unitName(session.settings, session.unit)]
          : session.settings.units.map((u) => u.name);
      const name = await host.insertTemplate(kind, { units });
      setNotice(`已插入工作表“${name}”：按表头逐行填写后点击“同步”。`);
    });

  const summary = () =>
    run('生成汇总', async () => {
      await controller.writeSummary(host, shownYear);
      setNotice(`已生成 ${shownYear} 年度汇总（工作表“汇总”）。`);
    });

  const budget = () =>
    run('预算执行', async () => {
      await controller.writeBudgetExecution(host, shownYear);
      setNotice(`已生成 ${shownYear} 年预算执行表（工作表“预算执行”）。`);
    });

  const chooseKind = (kind: LedgerKind) =>
    run('选择台账类型', async () => {
      setView(await controller.chooseKind(await sheetName(), kind));
    });

  const select = (item: ResultItem): void => {
    if (item.col === null) return;
    host.selectCell(item.sheet, item.row, item.col).catch((e: unknown) => setError(errorText(e)));
  };

  const ready = !!view?.kind && view.headerRow !== null;
  const isBusy = busy !== null;
  const progress = busy?.progress;
  const unit = session.unit ? unitName(session.settings, session.unit) : null;
  // A name that already says the role or the unit (机电学院工会干部) needs no repeat of them.
  const showName =
    session.name && session.name !== ROLE_LABELS[session.role] && !(unit && session.name.includes(unit));
  const who = [showName ? session.name : null, ROLE_LABELS[session.role], unit].filter(Boolean).join(' · ');

  return (
    <div className={s.root}>
      <header className={s.bar}>
        <PersonRegular fontSize={24} color={tokens.colorBrandForeground1} />
        <div className={s.who}>
          <Body1Strong className={s.ellipsis} title={who} data-testid="who">
            {who}
          </Body1Strong>
          <Caption1 className={mergeClasses(s.muted, s.ellipsis)}>{session.userId}</Caption1>
        </div>
        <Tooltip content="退出登录" relationship="label">
          <Button appearance="subtle" icon={<SignOutRegular />} onClick={onSignOut} disabled={isBusy} />
        </Tooltip>
      </header>

      {offline && (
        <MessageBar
          intent="warning"
          layout="multiline"
          icon={<PlugDisconnectedRegular />}
          data-testid="offline"
        >
          <MessageBarBody>
            <MessageBarTitle>离线</MessageBarTitle>
            {offline.message}
            {offline.unsent > 0 &&
              `。${offline.unsent} 行尚未上传，已在表格中标记为“失败”，校验仍可在本地进行`}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              size="small"
              icon={<ArrowClockwiseRegular />}
              disabled={isBusy}
              onClick={() => retryRef.current?.()}
            >
              重试
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>{error}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                size="small"
                aria-label="关闭"
                icon={<DismissRegular />}
                onClick={() => setError(null)}
              />
            }
          />
        </MessageBar>
      )}
      {notice && !error && (
        <MessageBar intent="success" layout="multiline" data-testid="notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}

      <SheetCard
        view={view}
        error={viewError}
        busy={isBusy}
        onRefresh={() => void refresh()}
        onChooseKind={chooseKind}
      />

      <section className={s.section} aria-label="操作">
        <div className={s.grid}>
          <Tooltip content="按服务器的规则在本地检查，不上传" relationship="description">
            <Button
              icon={<CheckmarkCircleRegular />}
              disabled={!ready || isBusy}
              onClick={() => void validate()}
            >
              校验
            </Button>
          </Tooltip>
          <Button
            appearance="primary"
            icon={<ArrowSyncRegular />}
            disabled={!ready || isBusy || session.role === 'leader'}
            onClick={() => void sync()}
          >
            同步
          </Button>
          <Button icon={<ArrowDownloadRegular />} disabled={!ready || isBusy} onClick={() => void pull()}>
            拉取
          </Button>
          <Menu positioning="below-end">
            <MenuTrigger disableButtonEnhancement>
              <MenuButton icon={<TableAddRegular />} disabled={isBusy || writable.length === 0}>
                插入模板
              </MenuButton>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                {writable.map((k) => (
                  <MenuItem key={k} onClick={() => void insertTemplate(k)}>
                    {ledgers[k].title}
                  </MenuItem>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        </div>
        <div className={s.grid}>
          <span className={mergeClasses(s.label, s.wide)}>汇总</span>
          <Dropdown
            className={s.fill}
            aria-label="年度"
            value={`${shownYear}年`}
            selectedOptions={[String(shownYear)]}
            onOptionSelect={(_e, d) => d.optionValue && setYear(Number(d.optionValue))}
          >
            {years.map((y) => (
              <Option key={y} value={String(y)} text={`${y}年`}>
                {`${y}年`}
              </Option>
            ))}
          </Dropdown>
          <Button icon={<DataBarVerticalRegular />} disabled={isBusy} onClick={() => void summary()}>
            生成汇总
          </Button>
          {canBudget && (
            <Button
              className={s.wide}
              icon={<MoneyRegular />}
              disabled={isBusy}
              onClick={() => void budget()}
            >
              预算执行
            </Button>
          )}
        </div>
        {busy && (
          <div className={s.progress} data-testid="progress">
            <ProgressBar
              thickness="large"
              value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
            />
            <Caption1 className={s.muted}>{progress?.message ?? `正在${busy.label}…`}</Caption1>
          </div>
        )}
      </section>

      {conflicts.length > 0 && (
        <section className={s.section} aria-label="冲突">
          <Subtitle2>需要处理的冲突（{conflicts.length}）</Subtitle2>
          {conflicts.map((c) => (
            <ConflictCard
              key={c.rowId}
              conflict={c}
              busy={isBusy}
              onKeepMine={() => void resolve(c, 'mine')}
              onTakeServer={() => void resolve(c, 'server')}
            />
          ))}
        </section>
      )}

      {results && (
        <ResultsList title={results.title} items={results.items} empty={results.empty} onSelect={select} />
      )}

      <Caption1 className={s.footer}>{session.settings.orgName}</Caption1>

      <DeleteDialog
        requests={deleteAsk?.requests ?? null}
        onAnswer={(ids) => {
          deleteAsk?.resolve(ids);
          setDeleteAsk(null);
        }}
      />
    </div>
  );
}

/** Rows moved away or deleted while they were uploading: stored on the server, their ids written nowhere. */
function misplacedText(n: number): string {
  return n
    ? `；上传期间有 ${n} 行被移动或删除，未能写回编号：服务器已保存这些行，下次同步会询问是否删除服务器上的这些行`
    : '';
}
