import { MARK_RGB, type CellRange, type Fill } from '../../../shared/sheet/port.js';
import { rangeAddress } from './a1.js';
import type { RequestBudget } from './payload.js';

/** Our mark colours (shared/sheet MARK_RGB) as Office.js writes them: '#FFC7CE'. */
export const FILL_COLOURS: Record<Exclude<Fill, 'none'>, string> = {
  error: `#${MARK_RGB.error}`,
  warning: `#${MARK_RGB.warning}`,
  conflict: `#${MARK_RGB.conflict}`,
};
const OURS = new Set(Object.values(FILL_COLOURS));

export function isOurFill(colour: unknown): boolean {
  return typeof colour === 'string' && OURS.has(colour.toUpperCase());
}

/** Per cell of getCellProperties: about 40 bytes of response ({"format":{"fill":{"color":"#FFFFFF"}}}). */
const CELL_PROPERTY_BYTES = 45;

/** Cells as numbers: row × 16384 + column (Excel has at most 16384 columns). */
export const cellKey = (row: number, col: number): number => row * 16_384 + col;

/**
 * Which of the `candidates` wear one of our fills now, before the write: those whose fill a
 * 'none' write clears and whose note a null note removes (as in the exceljs adapter: a note is
 * ours when its cell wears our fill, since every note we write comes with one). Two steps that
 * share the caller's syncs: `queueUniform` loads each column run's fill (one colour when
 * uniform, null when mixed); after the sync, `afterUniform` settles the uniform runs and
 * queues the per-cell properties of the mixed ones; after the next sync, `result` has them all.
 */
export class OurFillProbe {
  private uniform: { rect: CellRange; range: Excel.Range }[] = [];
  private mixed: { rect: CellRange; props: OfficeExtension.ClientResult<Excel.CellProperties[][]> }[] = [];
  private readonly ours = new Set<number>();

  constructor(
    private readonly ws: Excel.Worksheet,
    private readonly candidates: readonly CellRange[],
  ) {}

  async queueUniform(budget: RequestBudget): Promise<void> {
    for (const rect of this.candidates) {
      await budget.reserve(0);
      const range = this.ws.getRange(rangeAddress(rect));
      range.load('format/fill/color');
      this.uniform.push({ rect, range });
    }
  }

  /** True when a second probe sync is needed. */
  async afterUniform(budget: RequestBudget): Promise<boolean> {
    for (const { rect, range } of this.uniform) {
      const colour = range.format.fill.color as string | null;
      if (colour === null || colour === undefined) {
        for (const band of rowBands(rect)) {
          await budget.reserve(cellCount(band) * CELL_PROPERTY_BYTES);
          const props = this.ws
            .getRange(rangeAddress(band))
            .getCellProperties({ format: { fill: { color: true } } });
          this.mixed.push({ rect: band, props });
        }
      } else if (isOurFill(colour))
        for (let r = rect.top; r <= rect.bottom; r++)
          for (let c = rect.left; c <= rect.right; c++) this.ours.add(cellKey(r, c));
    }
    this.uniform = [];
    return this.mixed.length > 0;
  }

  /** The cells (cellKey) that wear our fill. */
  result(): ReadonlySet<number> {
    for (const { rect, props } of this.mixed) {
      const grid = props.value;
      for (let r = rect.top; r <= rect.bottom; r++)
        for (let c = rect.left; c <= rect.right; c++)
          if (isOurFill(grid[r - rect.top]?.[c - rect.left]?.format?.fill?.color))
            this.ours.add(cellKey(r, c));
    }
    this.mixed = [];
    return this.ours;
  }
}

function cellCount(r: CellRange): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

/** Bands of rows small enough that their cell properties fit a response with room to spare. */
function rowBands(rect: CellRange): CellRange[] {
  const maxCells = Math.floor(1_000_000 / CELL_PROPERTY_BYTES);
  const width = rect.right - rect.left + 1;
  const rows = Math.max(1, Math.floor(maxCells / width));
  const out: CellRange[] = [];
  for (let top = rect.top; top <= rect.bottom; top += rows)
    out.push({ ...rect, top, bottom: Math.min(rect.bottom, top + rows - 1) });
  return out;
}
