import { headerFirstLine, normalizeHeader } from '../cells/index.js';
import { fieldOf, LEDGER_KINDS, type Ledger, type LedgerKind } from '../ledgers/define.js';
import { ledgers } from '../ledgers/index.js';
import { HEADER_SEARCH_ROWS, headerIndex } from './headers.js';

/**
 * What makes a sheet one ledger rather than another (issue 18): a person recognises a 体检名单
 * by 体检日期 or 体检套餐, not by 日期 and 姓名, which every list of people has. A header is
 * evidence for a ledger when it names one of its non-common fields and no other ledger knows
 * it, and it is not one of the generic words below.
 */

/**
 * Headers too general to say which ledger a sheet is, even where only one ledger lists them
 * as an alias: attendance sheets, class lists and payrolls have them too.
 */
export const GENERIC_HEADERS: ReadonlySet<string> = new Set([
  '日期',
  '时间',
  '年度',
  '姓名',
  '性别',
  '金额',
  '费用',
  '状态',
  '类别',
  '类型',
  '级别',
  '名称',
  '部门',
  '单位',
  '地点',
  '手机',
  '联系电话',
  '备注',
  '说明',
]);

let owners: Map<string, Set<LedgerKind>> | null = null;

/** Normalised header → the ledgers whose header index knows it. */
function headerOwners(): Map<string, Set<LedgerKind>> {
  if (owners) return owners;
  owners = new Map();
  for (const kind of LEDGER_KINDS)
    for (const h of headerIndex(ledgers[kind]).keys()) {
      let set = owners.get(h);
      if (!set) owners.set(h, (set = new Set()));
      set.add(kind);
    }
  return owners;
}

/** Whether a normalised header that binds `field` of `ledger` is evidence of that ledger. */
export function isEvidence(ledger: Ledger, key: string, field: string): boolean {
  const f = fieldOf(ledger, field);
  if (!f || f.common || GENERIC_HEADERS.has(key)) return false;
  const who = headerOwners().get(key);
  return who !== undefined && who.size === 1 && who.has(ledger.kind);
}

/** The key a bound header cell matched by: the cell alone, or its group + the cell (§4.7). */
export function matchedKey(ledger: Ledger, field: string, cell: unknown, group: unknown): string {
  const alone = normalizeHeader(cell);
  const index = headerIndex(ledger);
  if (index.get(alone) === field) return alone;
  const first = normalizeHeader(headerFirstLine(cell));
  if (index.get(first) === field) return first;
  return normalizeHeader(group) + alone;
}

/** What `explainDetection` reads: a layout, or the pane's view of one. */
export interface DetectionFacts {
  kind: LedgerKind | null;
  /** The kind came from the caller (`--kind`, a choice remembered in the state sheet). */
  chosen: boolean;
  headerRow: number | null;
  candidates: readonly ExplainedCandidate[];
  /** The candidate of `kind` at the header row used, when there is one. */
  own?: ExplainedCandidate | null;
}

/** The parts of a KindCandidate an explanation needs. */
export interface ExplainedCandidate {
  kind: LedgerKind;
  title: string;
  score: number;
  hinted: boolean;
  eligible: boolean;
  recognisable: boolean;
  headerRow: number | null;
  matchedHeaders: readonly string[];
  evidence: readonly string[];
  missing: readonly string[];
}

const list = (xs: readonly string[], max = 8): string =>
  xs.length > max ? `${xs.slice(0, max).join('、')}等${xs.length}列` : xs.join('、');

/**
 * One Chinese sentence saying why a sheet was read as a ledger, or why not: which headers
 * matched, which of them are specific to the ledger, which required ones are missing.
 */
export function explainDetection(f: DetectionFacts): string {
  if (f.kind !== null) {
    const ledger: Ledger = ledgers[f.kind];
    const own = f.own ?? f.candidates.find((c) => c.kind === f.kind) ?? null;
    if (f.headerRow === null || !own) {
      const examples = Object.values(ledger.fields)
        .filter((x) => x.required)
        .map((x) => x.header);
      return `指定为「${ledger.title}」，但前${HEADER_SEARCH_ROWS}行中没有表头行：需有至少两列表头与该台账相符（如：${list(examples)}）`;
    }
    const how = f.chosen ? `按指定的「${ledger.title}」读取` : `识别为「${ledger.title}」`;
    const parts = [`${how}：表头在第${f.headerRow}行，匹配 ${list(own.matchedHeaders)}`];
    if (!f.chosen)
      parts.push(
        own.evidence.length > 0
          ? `其中「${own.evidence.slice(0, 3).join('」「')}」为该台账特有`
          : '表名或标题含台账名称',
      );
    if (own.missing.length > 0) parts.push(`缺少必填列：${list(own.missing)}`);
    return parts.join('；');
  }
  const near = f.candidates[0];
  if (!near) return `未识别：前${HEADER_SEARCH_ROWS}行中没有与任何台账相符的表头`;
  const tied = f.candidates.filter((c) => c.score === near.score && c.recognisable);
  if (tied.length > 1) return `未识别：${tied.map((c) => `「${c.title}」`).join('')}同样相符，请指定台账类型`;
  if (near.headerRow === null || !near.eligible)
    return `未识别：最接近的「${near.title}」只匹配到 ${list(near.matchedHeaders)}，缺少 ${list(near.missing)}`;
  return `未识别：「${near.title}」只匹配到通用的 ${list(near.matchedHeaders)}，没有该台账特有的列，表名和标题也未提到该台账`;
}
