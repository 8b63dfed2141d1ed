/**
 * The two things the adapter needs from the Office host, injectable so that tests run the
 * adapter against office-addin-mock objects: a way to run a batch (Excel.run) and the
 * requirement-set check (Office.context.requirements.isSetSupported).
 */
export interface ExcelHost {
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

export const officeHost: ExcelHost = {
  run: (batch) => Excel.run(batch),
  isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
};

/**
 * The ExcelApi version the manifest requires (manifest.xml <Requirements>; a test keeps them
 * equal): 1.13 for Range.getMergedAreasOrNullObject, which header detection needs; everything
 * else the adapter always uses is older (getCellProperties, Worksheet.getRanges and
 * suspendScreenUpdating 1.9, runtime.enableEvents and data validation 1.8). Notes (1.18) and
 * comments (1.10) are checked at run time.
 */
export const REQUIRED_EXCEL_API = '1.13';

/**
 * How invalid cells get their message: notes (ExcelApi 1.18), else threaded comments
 * (ExcelApi 1.10), else the fill alone — the add-in then lists the messages in the pane.
 * The manifest asks for ExcelApi 1.13, so `fills-only` only happens on a host that misreports.
 */
export type MarkMode = 'notes' | 'comments' | 'fills-only';

export function markMode(host: ExcelHost): MarkMode {
  if (host.isSetSupported('ExcelApi', '1.18')) return 'notes';
  if (host.isSetSupported('ExcelApi', '1.10')) return 'comments';
  return 'fills-only';
}

/**
 * Office.js has loaded and says where it runs: null outside Office (a plain browser), else
 * whether the host is Excel. The pane's and the sign-in dialog's bootstrap wait on it.
 */
export async function officeReady(): Promise<{ inExcel: boolean } | null> {
  if (typeof Office === 'undefined') return null;
  const info = await Office.onReady();
  return { inExcel: info.host === Office.HostType.Excel };
}
