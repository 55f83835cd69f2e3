#!/usr/bin/env python3
"""make_xlsx_seeds.py OUTDIR — write a few small .xlsx seeds for fuzz_ingest_xlsx.

Binary seeds are generated rather than committed. Some entries are stored
(not deflated) so that mutations land on the XML itself."""
import os
import sys
import zipfile

RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>')
WB = ('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<workbookPr date1904="{d}"/><sheets><sheet name="Sales Data" sheetId="1" r:id="rId1"/>'
      '<sheet name="Other" sheetId="2" r:id="rId2"/></sheets></workbook>')
WB_ONE = ('<workbook><sheets><sheet name="Sheet 1" sheetId="1" r:id="rId1"/>'
          '</sheets></workbook>')
STYLES = ('<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd h:mm"/>'
          '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
          '</cellXfs></styleSheet>')
SST = ('<sst><si><t>Name</t></si><si><t>Amount</t></si><si><t>Alice</t></si>'
       '<si><r><t>Bo</t></r><r><t>b</t></r></si><si><t>Paid</t></si></sst>')
SHEET1 = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
          'spreadsheetml/2006/main"><sheetData>'
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
          '<c r="C1" t="inlineStr"><is><t>When</t></is></c><c r="D1" t="s"><v>4</v></c>'
          '<c r="E1" t="inlineStr"><is><t>At</t></is></c></row>'
          '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>10.5</v></c>'
          '<c r="C2" s="1"><v>45000</v></c><c r="D2" t="b"><v>1</v></c>'
          '<c r="E2" s="2"><v>45000.5</v></c></row><row r="3"/>'
          '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4"><v>7</v></c>'
          '<c r="C4" s="1"><v>45001</v></c><c r="D4" t="b"><v>0</v></c>'
          '<c r="F4" t="e"><v>#N/A</v></c></row></sheetData></worksheet>')
SHEET2 = ('<worksheet><sheetData><row><c><v>1</v></c><c><v>2</v></c></row>'
          '<row><c><v>3</v></c><c><v>4</v></c></row></sheetData></worksheet>')
TEXTY = ('<worksheet><sheetData><row><c t="inlineStr"><is><t>a\tb</t></is></c>'
         '<c t="inlineStr"><is><t>line\nbreak \\ back</t></is></c></row>'
         '<row><c t="str"><v>x&amp;y</v></c><c><v>1e3</v></c></row>'
         '<row><c r="C3"><v>-2</v></c></row></sheetData></worksheet>')


def write(path, parts, method):
    with zipfile.ZipFile(path, 'w', method) as z:
        for name, text in parts:
            z.writestr(name, text)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    book = [('xl/workbook.xml', WB.format(d=0)), ('xl/_rels/workbook.xml.rels', RELS),
            ('xl/styles.xml', STYLES), ('xl/sharedStrings.xml', SST),
            ('xl/worksheets/sheet1.xml', SHEET1), ('xl/worksheets/sheet2.xml', SHEET2)]
    write(os.path.join(out, 'book.xlsx'), book, zipfile.ZIP_DEFLATED)
    write(os.path.join(out, 'book-stored.xlsx'), book, zipfile.ZIP_STORED)
    book1904 = [(n, WB.format(d=1) if n == 'xl/workbook.xml' else t) for n, t in book]
    write(os.path.join(out, 'book1904.xlsx'), book1904, zipfile.ZIP_STORED)
    one = [('xl/workbook.xml', WB_ONE), ('xl/_rels/workbook.xml.rels', RELS),
           ('xl/worksheets/sheet1.xml', TEXTY)]
    write(os.path.join(out, 'texty.xlsx'), one, zipfile.ZIP_STORED)
    two = [('xl/workbook.xml', WB_ONE), ('xl/_rels/workbook.xml.rels', RELS),
           ('xl/worksheets/sheet1.xml', SHEET2)]
    write(os.path.join(out, 'numbers.xlsx'), two, zipfile.ZIP_DEFLATED)


if __name__ == '__main__':
    main()
