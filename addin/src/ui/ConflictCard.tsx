import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ConflictItem } from '../app/syncController.js';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorPaletteMarigoldBorder2}`,
    backgroundColor: tokens.colorPaletteMarigoldBackground1,
    minWidth: 0,
  },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': {
      textAlign: 'left',
      padding: `2px ${tokens.spacingHorizontalXS}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      overflowWrap: 'anywhere',
      verticalAlign: 'top',
    },
    '& th': { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  },
  field: { width: '30%' },
  mine: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  theirs: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface ConflictCardProps {
  conflict: ConflictItem;
  busy: boolean;
  onKeepMine(): void;
  onTakeServer(): void;
}

/** One conflicting row: the differing values side by side, and the two ways out. */
export function ConflictCard({ conflict, busy, onKeepMine, onTakeServer }: ConflictCardProps) {
  const s = useStyles();
  const differing = conflict.fields.filter((f) => f.differs);
  const same = conflict.fields.length - differing.length;
  return (
    <div className={s.card} data-testid="conflict" data-row-id={conflict.rowId}>
      <div className={s.title}>
        {conflict.sheetRow === null ? '已从表格删除的行' : `第${conflict.sheetRow}行`} · 与服务器冲突
      </div>
      <Caption1 className={s.muted}>{conflict.summary}</Caption1>
      <table className={s.table}>
        <thead>
          <tr>
            <th className={s.field}>列</th>
            <th>我的</th>
            <th>服务器的</th>
          </tr>
        </thead>
        <tbody>
          {differing.map((f) => (
            <tr key={f.field}>
              <td>{f.header}</td>
              <td className={s.mine}>{f.mine}</td>
              <td className={s.theirs}>{f.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {same > 0 && <Caption1 className={s.muted}>其余 {same} 列相同。</Caption1>}
      <div className={s.actions}>
        <Button appearance="primary" size="small" disabled={busy} onClick={onKeepMine}>
          保留我的
        </Button>
        <Button size="small" disabled={busy} onClick={onTakeServer}>
          采用服务器的
        </Button>
      </div>
    </div>
  );
}
