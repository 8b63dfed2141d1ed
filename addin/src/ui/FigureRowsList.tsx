import { Button, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';

/** One row behind a figure: what it says, and where it is in this workbook (if it is). */
export interface FigureRowItem {
  rowId: string;
  text: string;
  place: { sheet: string; row: number } | null;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  text: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface FigureRowsListProps {
  label: string;
  source: string;
  total: number;
  items: readonly FigureRowItem[];
  onLocate(place: { sheet: string; row: number }): void;
}

/** 「这个数是哪些记录？」: the rows behind the figure selected on 汇总, each locatable in its sheet. */
export function FigureRowsList({ label, source, total, items, onLocate }: FigureRowsListProps) {
  const s = useStyles();
  return (
    <section className={s.root} aria-label="指标来源记录">
      <Subtitle2>
        {label}：共 {total} 行
      </Subtitle2>
      <Caption1 className={s.muted}>{source}</Caption1>
      <ul className={s.list}>
        {items.map((item) => (
          <li key={item.rowId} className={s.item}>
            <span className={s.text}>{item.text}</span>
            {item.place ? (
              <Button size="small" onClick={() => onLocate(item.place!)}>
                定位（{item.place.sheet} 第{item.place.row}行）
              </Button>
            ) : (
              <Caption1 className={s.muted}>不在本工作簿</Caption1>
            )}
          </li>
        ))}
      </ul>
      {total > items.length && (
        <Caption1 className={s.muted}>
          只列出前 {items.length} 行；全部记录见年度汇总工作簿的“指标来源”表。
        </Caption1>
      )}
    </section>
  );
}
