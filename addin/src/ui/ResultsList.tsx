import { Caption1, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import { ErrorCircleFilled, WarningFilled } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ResultItem } from '../app/syncController.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  head: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  item: {
    display: 'grid',
    gridTemplateColumns: '16px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'pointer',
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: {
    border: `1px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  icon: { marginTop: '2px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  where: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface ResultsListProps {
  title: string;
  items: readonly ResultItem[];
  onSelect(item: ResultItem): void;
  /** Shown when the list is empty. */
  empty?: string;
}

/** The results list: row, column, message, severity; a click selects the cell in the sheet. */
export function ResultsList({ title, items, onSelect, empty }: ResultsListProps) {
  const s = useStyles();
  const [selected, setSelected] = useState<string | null>(null);
  const errors = items.filter((i) => i.severity === 'error').length;
  const warnings = items.length - errors;
  return (
    <section className={s.root} aria-label={title}>
      <div className={s.head}>
        <Subtitle2>{title}</Subtitle2>
        <Caption1 className={s.muted}>{items.length ? `${errors} 个错误 · ${warnings} 个提醒` : ''}</Caption1>
      </div>
      {items.length === 0 ? (
        <Caption1 className={s.muted}>{empty ?? '没有发现问题。'}</Caption1>
      ) : (
        <ul className={s.list} data-testid="results">
          {items.map((item) => (
            <li key={item.key}>
              <button
                type="button"
                className={mergeClasses(s.item, selected === item.key && s.selected)}
                title="点击定位到该单元格"
                data-row={item.row}
                data-col={item.col ?? ''}
                data-severity={item.severity}
                onClick={() => {
                  setSelected(item.key);
                  onSelect(item);
                }}
              >
                {item.severity === 'error' ? (
                  <ErrorCircleFilled className={mergeClasses(s.icon, s.error)} aria-label="错误" />
                ) : (
                  <WarningFilled className={mergeClasses(s.icon, s.warning)} aria-label="提醒" />
                )}
                <span>
                  <span className={s.where}>
                    第{item.row}行 · {item.column}
                  </span>
                  <br />
                  <span className={s.message}>{item.message}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
