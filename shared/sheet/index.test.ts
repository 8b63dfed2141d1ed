import { describe, expect, it } from 'vitest';
import * as sheet from './index.js';

describe('shared/sheet', () => {
  it('exports the engine', () => {
    for (const name of [
      'detectLayout',
      'readRows',
      'maskIdentity',
      'rowHash',
      'planPush',
      'nextHashes',
      'chunk',
      'planWriteback',
      'stateToValues',
      'stateFromValues',
      'headerIndex',
      'bindHeaderRow',
    ])
      expect(typeof (sheet as Record<string, unknown>)[name]).toBe('function');
    expect(sheet.STATUS_LABELS.created).toBe('已新增');
    expect(sheet.STATE_SHEET).toBe('_union_ledger');
  });
});
