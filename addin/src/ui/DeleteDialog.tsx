import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DeleteRequest } from '../app/syncController.js';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    maxHeight: '40vh',
    overflowY: 'auto',
  },
});

export interface DeleteDialogProps {
  requests: DeleteRequest[] | null;
  onAnswer(rowIds: string[]): void;
}

/** §4.7: rows cleared in the sheet are deleted on the server only after the officer agrees. */
export function DeleteDialog({ requests, onAnswer }: DeleteDialogProps) {
  const s = useStyles();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  useEffect(() => setChecked(new Set(requests?.map((r) => r.rowId) ?? [])), [requests]);
  const one = requests?.length === 1 ? requests[0] : undefined;
  return (
    <Dialog open={!!requests} modalType="alert">
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>确认删除</DialogTitle>
          <DialogContent>
            {one ? (
              <p>
                {one.sheetRow !== null ? `第${one.sheetRow}行：` : ''}
                {one.message}
              </p>
            ) : (
              <div className={s.list}>
                {requests?.map((r) => (
                  <Checkbox
                    key={r.rowId}
                    checked={checked.has(r.rowId)}
                    label={`${r.sheetRow !== null ? `第${r.sheetRow}行：` : ''}${r.message}`}
                    onChange={(_e, d) => {
                      const next = new Set(checked);
                      if (d.checked) next.add(r.rowId);
                      else next.delete(r.rowId);
                      setChecked(next);
                    }}
                  />
                ))}
              </div>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer(one ? [one.rowId] : [...checked])}>
              从服务器删除
            </Button>
            <Button onClick={() => onAnswer([])}>保留</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
