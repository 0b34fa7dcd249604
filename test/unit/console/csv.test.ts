import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../console/lib/csv.ts';

describe('CSV export', () => {
  it('quotes cells holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('neutralises a formula behind leading spaces or line breaks, a leading tab or CR, and full-width signs', () => {
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('\n=1')).toBe('"\'\n=1"');
    expect(csvCell('\r\n @SUM(A1)')).toBe('"\'\r\n @SUM(A1)"');
    expect(csvCell('\u3000+1')).toBe("'\u3000+1");
    expect(csvCell('\tplain')).toBe("'\tplain");
    expect(csvCell('\rplain')).toBe('"\'\rplain"');
    for (const sign of ['＝', '＋', '－', '＠']) expect(csvCell(`${sign}1`)).toBe(`'${sign}1`);
    expect(csvCell('  spaced, not a formula')).toBe('"  spaced, not a formula"');
    expect(csvCell('Landed 8 of 11 = 73%')).toBe('Landed 8 of 11 = 73%');
  });

  it('leaves numbers as numbers, empties empty, and ends every row with CRLF', () => {
    expect(
      toCsv(
        ['n', 'text'],
        [
          [-3, null],
          [0.5, 'x'],
        ],
      ),
    ).toBe('n,text\r\n-3,\r\n0.5,x\r\n');
  });
});
