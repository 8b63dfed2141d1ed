import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  mergeClasses,
  Option,
  OptionGroup,
  Subtitle2,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, TableRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { LEDGER_KINDS, type LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { explainDetection } from '../../../shared/sheet/evidence.js';
import type { SheetView } from '../app/syncController.js';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  sheetName: { flexGrow: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  chips: { display: 'flex', flexWrap: 'wrap', gap: '4px' },
  chip: {
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: '4px',
    maxWidth: '100%',
    padding: '1px 6px',
    borderRadius: tokens.borderRadiusSmall,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    overflowWrap: 'anywhere',
  },
  unknown: { backgroundColor: tokens.colorPaletteYellowBackground1, color: tokens.colorNeutralForeground1 },
  letter: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
  details: {
    '& > summary': {
      cursor: 'pointer',
      color: tokens.colorNeutralForeground2,
      fontSize: tokens.fontSizeBase200,
    },
  },
  full: { width: '100%', minWidth: 0 },
  change: { marginLeft: 'auto', minWidth: 0 },
});

export interface SheetCardProps {
  view: SheetView | null;
  error: string | null;
  busy: boolean;
  onRefresh(): void;
  onChooseKind(kind: LedgerKind): void;
}

/** The active sheet: which ledger it is, which columns are bound, which headers were not recognised. */
export function SheetCard({ view, error, busy, onRefresh, onChooseKind }: SheetCardProps) {
  const s = useStyles();
  const [changing, setChanging] = useState(false);
  const candidates = view?.candidates.filter((c) => c.score > 0 || c.matched > 0) ?? [];
  const others = LEDGER_KINDS.filter((k) => !candidates.some((c) => c.kind === k));
  const reason = view
    ? explainDetection({
        kind: view.kind,
        chosen: view.remembered,
        headerRow: view.headerRow,
        candidates: view.candidates,
      })
    : '';
  return (
    <section className={s.card} aria-label="当前工作表">
      <div className={s.head}>
        <TableRegular />
        <Subtitle2 className={s.sheetName} title={view?.sheet}>
          {view?.sheet ?? '当前工作表'}
        </Subtitle2>
        <Tooltip content="重新读取当前工作表" relationship="label">
          <Button
            appearance="subtle"
            size="small"
            icon={<ArrowClockwiseRegular />}
            disabled={busy}
            onClick={onRefresh}
          />
        </Tooltip>
      </div>
      {error && <Caption1 className={s.muted}>{error}</Caption1>}
      {view && (
        <>
          <div className={s.line}>
            {view.kind ? (
              <>
                <Badge appearance="tint" color="brand" data-testid="ledger-kind">
                  {view.title}
                </Badge>
                <Caption1 className={s.muted}>{view.remembered ? '已记住的类型' : '自动识别'}</Caption1>
                <Button
                  appearance="transparent"
                  size="small"
                  className={s.change}
                  onClick={() => setChanging(!changing)}
                >
                  {changing ? '收起' : '更改'}
                </Button>
              </>
            ) : (
              <Badge appearance="tint" color="warning">
                未能识别台账类型
              </Badge>
            )}
          </div>
          {!view.kind && (
            <Caption1 className={s.muted} data-testid="detection-reason">
              {reason}
            </Caption1>
          )}
          {(!view.kind || changing) && (
            <Field label={view.kind ? '台账类型' : '请选择这张表是哪种台账'}>
              <Dropdown
                className={s.full}
                aria-label="台账类型"
                placeholder="选择台账类型"
                value={view.kind ? ledgers[view.kind].title : ''}
                selectedOptions={view.kind ? [view.kind] : []}
                onOptionSelect={(_e, d) => {
                  if (!d.optionValue) return;
                  setChanging(false);
                  onChooseKind(d.optionValue as LedgerKind);
                }}
              >
                {candidates.length > 0 && (
                  <OptionGroup label="最接近的">
                    {candidates.map((c) => (
                      <Option key={c.kind} value={c.kind} text={c.title}>
                        {`${c.title}（匹配 ${c.matched} 列）`}
                      </Option>
                    ))}
                  </OptionGroup>
                )}
                <OptionGroup label={candidates.length ? '其他台账' : '全部台账'}>
                  {others.map((k) => (
                    <Option key={k} value={k} text={ledgers[k].title}>
                      {ledgers[k].title}
                    </Option>
                  ))}
                </OptionGroup>
              </Dropdown>
            </Field>
          )}
          {view.kind && (
            <Caption1 className={s.muted} data-testid="sheet-stats">
              {view.headerRow !== null
                ? `表头在第 ${view.headerRow} 行 · 数据 ${view.dataRows} 行 · 待同步 ${view.pending} 行${view.pendingDeletes ? ` · 待删除 ${view.pendingDeletes} 行` : ''}`
                : '前 10 行中没有找到表头行'}
            </Caption1>
          )}
          {view.columns.length > 0 && (
            <details className={s.details}>
              <summary>已识别 {view.columns.length} 列</summary>
              {view.kind && (
                <Caption1 className={s.muted} data-testid="detection-reason">
                  {reason}
                </Caption1>
              )}
              <div className={s.chips}>
                {view.columns.map((c) => (
                  <span
                    key={c.col}
                    className={s.chip}
                    title={c.canonical ? `对应「${c.canonical}」` : undefined}
                  >
                    <span className={s.letter}>{c.letter}</span>
                    {c.header}
                  </span>
                ))}
              </div>
            </details>
          )}
          {view.unknownColumns.length > 0 && (
            <div>
              <Caption1 className={s.muted}>未识别的列（保持原样，不上传）：</Caption1>
              <div className={s.chips} data-testid="unknown-columns">
                {view.unknownColumns.map((c) => (
                  <span key={c.col} className={mergeClasses(s.chip, s.unknown)}>
                    <span className={s.letter}>{c.letter}</span>
                    {c.header}
                  </span>
                ))}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
