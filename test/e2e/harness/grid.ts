import type { MemoryWorkbook } from '../../../addin/src/app/testing/memoryWorkbook.js';

/**
 * TEST DOUBLE's face: draws the in-memory workbook as a worksheet grid beside the pane, so the
 * browser tests and their screenshots show what the pane did to the sheet — values, fills,
 * notes (a red corner and a tooltip), hidden columns, merged cells, the selected cell and
 * the sheet tabs.
 */
const FILLS: Record<string, string> = { error: '#FFC7CE', warning: '#FFEB9C', conflict: '#F8CBAD' };

function letter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function excelDate(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function renderGrid(
  container: HTMLElement,
  book: MemoryWorkbook,
  dateColumns: readonly number[] = [2],
): void {
  const draw = (): void => {
    const sheet = book.sheets.get(book.active);
    container.replaceChildren();
    const scroller = document.createElement('div');
    scroller.className = 'grid-scroll';
    const table = document.createElement('table');
    table.className = 'grid';
    const b = sheet?.bounds();
    const bottom = Math.max(b?.bottom ?? 0, 14);
    const right = Math.max(b?.right ?? 0, 13);
    const head = table.insertRow();
    head.appendChild(document.createElement('th'));
    for (let c = 1; c <= right; c++) {
      if (sheet?.hidden.has(c)) continue;
      const th = document.createElement('th');
      th.textContent = letter(c);
      head.appendChild(th);
    }
    const covered = new Set<string>();
    for (let r = 1; r <= bottom; r++) {
      const tr = table.insertRow();
      const th = document.createElement('th');
      th.textContent = String(r);
      tr.appendChild(th);
      for (let c = 1; c <= right; c++) {
        if (sheet?.hidden.has(c) || covered.has(`${r},${c}`)) continue;
        const td = tr.insertCell();
        td.dataset.cell = `${r},${c}`;
        const merge = sheet?.merges.find((m) => m.top === r && m.left === c);
        if (merge) {
          td.colSpan = merge.right - merge.left + 1;
          for (let cc = merge.left; cc <= merge.right; cc++) if (cc !== c) covered.add(`${r},${cc}`);
        }
        const v = sheet?.get(r, c) ?? '';
        td.textContent =
          typeof v === 'number' && dateColumns.includes(c) && r > 3 && v > 30000 && v < 60000
            ? excelDate(v)
            : String(v);
        if (typeof v === 'number') td.className = 'num';
        const fill = sheet?.fill(r, c);
        if (fill && FILLS[fill]) td.style.background = FILLS[fill];
        const note = sheet?.note(r, c);
        if (note) {
          td.title = note;
          td.classList.add('noted');
        }
        if (
          book.selection &&
          book.selection.sheet === book.active &&
          book.selection.row === r &&
          book.selection.col === c
        )
          td.classList.add('selected');
      }
    }
    scroller.appendChild(table);
    container.appendChild(scroller);
    const tabs = document.createElement('div');
    tabs.className = 'tabs';
    for (const name of book.sheets.keys()) {
      const tab = document.createElement('button');
      tab.textContent = name;
      tab.className = name === book.active ? 'tab active' : 'tab';
      tab.onclick = () => book.activate(name);
      tabs.appendChild(tab);
    }
    container.appendChild(tabs);
  };
  book.subscribe(draw);
  draw();
}
