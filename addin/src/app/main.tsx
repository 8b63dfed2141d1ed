import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.js';
import { paneConfig } from './config.js';
import type { PaneHost } from './host.js';
import { createOfficeHost } from './officeHost.js';
import { officeReady } from '../excel/host.js';

/**
 * The task pane's entry (taskpane.html). Inside Excel it waits for Office.js and talks to the
 * workbook through addin/src/excel. The browser tests load the same entry from a harness page
 * where Office.js is absent and `window.__unionLedgerTestWorkbook` holds an in-memory
 * workbook (the test seam of host.ts); the product never sets it.
 */
export function mountPane(element: HTMLElement, host: PaneHost | null): void {
  createRoot(element).render(<App host={host} config={paneConfig()} />);
}

function start(): void {
  const element = document.getElementById('root');
  if (!element) return;
  const injected = window.__unionLedgerTestWorkbook;
  if (injected) {
    mountPane(element, injected);
  } else {
    void officeReady().then((office) => mountPane(element, office?.inExcel ? createOfficeHost() : null));
  }
}

start();
