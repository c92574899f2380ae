import { describe, expect, it } from 'vitest';
import { parseCsv, planImport, toCsv } from './csv';

describe('catalog CSV', () => {
  it('parses quoted cells, doubled quotes and CRLF', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', '2', '3'],
    ]);
  });

  it('plans every line and reports each problem with its line number', () => {
    const plan = planImport(['sku,name,barcode,lengthMm,attributes', 'A-1,Shirt,400123,,color=red;size=M', ',No code,,,', 'B 2,Bad code,,,', 'C-3,Box,,10,', 'A-1,Again,,,'].join('\n'));
    expect(plan.headerProblem).toBeUndefined();
    expect(plan.lines).toEqual([
      { line: 2, ok: true, input: { sku: 'A-1', name: 'Shirt', barcode: '400123', attributes: { color: 'red', size: 'M' } } },
      { line: 3, ok: false, problem: 'sku is required' },
      { line: 4, ok: false, problem: 'sku "B 2" is not a valid code (1–64 letters, digits, - _ .)' },
      { line: 5, ok: false, problem: 'lengthMm, widthMm and heightMm go together' },
      { line: 6, ok: false, problem: 'sku "A-1" appears twice in the file' },
    ]);
  });

  it('refuses unknown columns up front', () => {
    expect(planImport('sku,name,colour\nA,B,red').headerProblem).toMatch(/Unknown columns: colour/);
  });

  it('writes cells a spreadsheet cannot run as formulas', () => {
    expect(toCsv([['sku', 'name'], ['A', '=HYPERLINK("x")'], ['B', 'a, b'], ['C', -5]])).toBe('sku,name\r\nA,"\'=HYPERLINK(""x"")"\r\nB,"a, b"\r\nC,-5\r\n');
  });
});
