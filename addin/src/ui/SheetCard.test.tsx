// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectLayout } from '../../../shared/sheet/detect.js';
import { usedRange } from '../../../shared/sheet/testing.js';
import type { SheetView } from '../app/syncController.js';
import { SheetCard } from './SheetCard.js';

/** Issue 18: the pane says why a sheet was (or was not) recognised, next to its columns. */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function viewOf(headers: unknown[], sheet: string): SheetView {
  const layout = detectLayout(usedRange([headers]), { sheetName: sheet });
  return {
    sheet,
    kind: layout.kind,
    title: null,
    remembered: false,
    headerRow: layout.headerRow,
    columns: layout.columns.map((c) => ({ col: c.col, letter: 'A', header: c.header, field: c.field })),
    unknownColumns: [],
    candidates: layout.candidates,
    dataRows: 0,
    pending: 0,
    pendingDeletes: 0,
    year: null,
  };
}

const noop = (): void => undefined;

describe('SheetCard: why a sheet was recognised', () => {
  it('shows the evidence in the 已识别 list', () => {
    const view = viewOf(['体检日期', '工号', '姓名', '体检套餐'], 'Sheet1');
    act(() =>
      root.render(<SheetCard view={view} error={null} busy={false} onRefresh={noop} onChooseKind={noop} />),
    );
    const reason = container.querySelector('[data-testid="detection-reason"]');
    expect(reason?.textContent).toContain('识别为「体检名单」');
    expect(reason?.textContent).toContain('「体检日期」「体检套餐」为该台账特有');
  });

  it('says why an attendance sheet is no ledger', () => {
    const view = viewOf(['日期', '星期', '姓名', '上午', '下午'], '考勤');
    act(() =>
      root.render(<SheetCard view={view} error={null} busy={false} onRefresh={noop} onChooseKind={noop} />),
    );
    expect(container.querySelector('[data-testid="detection-reason"]')?.textContent).toBe(
      '未识别：「体检名单」只匹配到通用的 日期、姓名，没有该台账特有的列，表名和标题也未提到该台账',
    );
  });
});
