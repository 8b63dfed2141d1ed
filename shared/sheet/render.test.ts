import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { fenToYuan, isoToSerial, MASK_PREFIX, renderValue } from './render.js';

const opts = { settings: demoSettings };

describe('renderValue: a stored value as the cell an officer would type', () => {
  it('writes money in 元, exact to the cent', () => {
    expect(renderValue('amount', 123456, opts)).toBe(1234.56);
    expect(renderValue('amount', 10, opts)).toBe(0.1);
    expect(fenToYuan(29)).toBe(0.29);
    expect(renderValue('amount', null, opts)).toBeNull();
  });

  it('writes dates as text, or as Excel serials for a date-formatted column', () => {
    expect(renderValue('date', '2023-03-08', opts)).toBe('2023-03-08');
    expect(renderValue('date', '2023-03-08', { ...opts, dateStyle: 'serial' })).toBe(44993);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(renderValue('month', '1985-03', opts)).toBe('1985-03');
    expect(renderValue('month', '1985-03', { ...opts, dateStyle: 'serial' })).toBe(isoToSerial('1985-03-01'));
  });

  it('writes booleans 是/否, units by name, accounts as code and name, lists with 、', () => {
    expect(renderValue('bool', true, opts)).toBe('是');
    expect(renderValue('bool', false, opts)).toBe('否');
    const unit = demoSettings.units[1]!;
    expect(renderValue('unit', unit.id, opts)).toBe(unit.name);
    expect(renderValue('unit', 'no-such-unit', opts)).toBe('no-such-unit');
    const account = demoSettings.accounts.find((a) => a.code.length === 5)!;
    expect(renderValue('account', account.code, opts)).toBe(`${account.code} ${account.name}`);
    expect(renderValue('list', ['张三', '李四'], opts)).toBe('张三、李四');
  });

  it('shows only the last four characters of an identity number (§4.6)', () => {
    expect(MASK_PREFIX).toHaveLength(14);
    expect(renderValue('idLast4', '123X', opts)).toBe('**************123X');
  });

  it('keeps text as text, formula-like text included (the adapters never write it as a formula)', () => {
    expect(renderValue('text', '=HYPERLINK("http://x")', opts)).toBe('=HYPERLINK("http://x")');
    expect(renderValue('staffNo', '00123', opts)).toBe('00123');
    expect(renderValue('int', 12, opts)).toBe(12);
  });
});
