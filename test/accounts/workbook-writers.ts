import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';

/*
 * Workbooks laid out as other programs write them, made part by part so that
 * no binary is committed: the parts, their names, their order in the zip and
 * the form of their relationship targets are each program's own (the cells
 * are a few, written plainly).
 *
 * - openpyxl (Python): targets absolute from the package root
 *   (`/xl/worksheets/sheet1.xml`), `xmlns:r` declared on each `<sheet>`,
 *   sheets stored before the workbook and `[Content_Types].xml` last.
 * - xlsxwriter (Python): targets relative (`worksheets/sheet1.xml`),
 *   `[Content_Types].xml` first; in its constant_memory mode strings are
 *   inline (`t="inlineStr"`) and there is no shared-strings part.
 * - a writer naming its parts as it likes (`xl/worksheets/accounts.xml`) and
 *   storing them in another order than its tabs;
 * - a writer prefixing every element (`<x:worksheet>`, as .NET's Open XML SDK
 *   can), which ExcelJS cannot read.
 * ExcelJS writes its own (the library itself), LibreOffice its own (soffice).
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Buffer) => {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A zip of these parts, in this order, each deflated, as every writer here stores them (and no library's choices). */
function zip(parts: [string, string | Buffer][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const path = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflated
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(path.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(path.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, path, packed);
    central.push(entry, path);
    offset += header.length + path.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

export type Writer = 'openpyxl' | 'xlsxwriter' | 'xlsxwriter-constant-memory' | 'renamed-parts' | 'prefixed';

/** A cell: text, a number, or text hyperlinked to a target. */
export type Cell = string | number | { text: string; link: string };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const column = (index: number) => String.fromCharCode(65 + index);

function sheetXml(sheet: SheetSpec, strings: string[] | undefined, prefix: string): { xml: string; links: string[] } {
  const links: { ref: string; target: string }[] = [];
  const rows = sheet.rows.map((cells, r) => {
    const xml = cells.map((cell, c) => {
      const ref = `${column(c)}${r + 1}`;
      if (typeof cell === 'number') return `<${prefix}c r="${ref}" t="n"><${prefix}v>${cell}</${prefix}v></${prefix}c>`;
      const text = typeof cell === 'string' ? cell : cell.text;
      if (typeof cell !== 'string') links.push({ ref, target: cell.link });
      if (!strings) return `<${prefix}c r="${ref}" t="inlineStr"><${prefix}is><${prefix}t>${escape(text)}</${prefix}t></${prefix}is></${prefix}c>`;
      if (!strings.includes(text)) strings.push(text);
      return `<${prefix}c r="${ref}" t="s"><${prefix}v>${strings.indexOf(text)}</${prefix}v></${prefix}c>`;
    });
    return `<${prefix}row r="${r + 1}">${xml.join('')}</${prefix}row>`;
  });
  const hyperlinks = links.length ? `<${prefix}hyperlinks>${links.map((l, i) => `<${prefix}hyperlink ref="${l.ref}" r:id="rId${i + 1}"/>`).join('')}</${prefix}hyperlinks>` : '';
  const ns = prefix ? `xmlns:x="${MAIN}"` : `xmlns="${MAIN}"`;
  return {
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}worksheet ${ns} xmlns:r="${REL}"><${prefix}sheetPr><${prefix}outlinePr summaryBelow="1" summaryRight="1"/></${prefix}sheetPr><${prefix}sheetData>${rows.join('')}</${prefix}sheetData>${hyperlinks}</${prefix}worksheet>`,
    links: links.map((l) => l.target),
  };
}

const linkRels = (targets: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${targets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/hyperlink" Target="${escape(t)}" TargetMode="External"/>`).join('')}</Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><numFmts count="0"/><fonts count="1"><font><name val="Calibri"/><family val="2"/><sz val="11"/></font></fonts><fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const CORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>openpyxl</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-15T08:00:00Z</dcterms:created></cp:coreProperties>`;
const APP = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`;

/** Writes `sheets` to `file` as `writer` lays a workbook out. */
export async function writeWorkbookAs(writer: Writer, file: string, sheets: SheetSpec[]): Promise<void> {
  const absolute = writer === 'openpyxl';
  const renamed = writer === 'renamed-parts';
  const strings: string[] | undefined = writer === 'xlsxwriter-constant-memory' ? undefined : [];
  const prefix = writer === 'prefixed' ? 'x:' : '';
  // The part of each sheet; the renamed writer numbers its parts against the tab order.
  const partOf = (index: number) => (renamed ? `worksheets/${['accounts', 'help', 'other'][sheets.length - 1 - index] ?? `s${index}`}.xml` : `worksheets/sheet${index + 1}.xml`);
  const target = (part: string) => (absolute ? `/xl/${part}` : part);
  const parts: [string, string][] = [];
  const sheetParts = sheets.map((sheet, i) => {
    const { xml, links } = sheetXml(sheet, strings, prefix);
    const part = partOf(i);
    const linkPart: [string, string][] = links.length ? [[`xl/${part.replace(/([^/]+)$/, '_rels/$1.rels')}`, linkRels(links)]] : [];
    return [[`xl/${part}`, xml] as [string, string], ...linkPart];
  });
  const sheetElements = sheets
    .map((sheet, i) => (absolute ? `<sheet xmlns:r="${REL}" name="${escape(sheet.name)}" sheetId="${i + 1}" state="visible" r:id="rId${i + 1}"/>` : `<${prefix}sheet name="${escape(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`))
    .join('');
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}workbook ${prefix ? `xmlns:x="${MAIN}"` : `xmlns="${MAIN}"`} xmlns:r="${REL}"><${prefix}workbookPr/><${prefix}bookViews><${prefix}workbookView activeTab="0"/></${prefix}bookViews><${prefix}sheets>${sheetElements}</${prefix}sheets><${prefix}calcPr calcId="124519" fullCalcOnLoad="1"/></${prefix}workbook>`;
  const n = sheets.length;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${target(partOf(i))}"/>`)
    .join('')}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="${target('styles.xml')}"/>${strings ? `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="${target('sharedStrings.xml')}"/>` : ''}</Relationships>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`;
  const overrides = [
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ...sheets.map((_, i) => [`/xl/${partOf(i)}`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml']),
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ...(strings ? [['/xl/sharedStrings.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml']] : []),
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join('')}</Types>`;
  // Shared strings are known once every sheet is written.
  const sharedStrings = () =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${strings!.length}" uniqueCount="${strings!.length}">${strings!.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`;
  const shared: [string, string][] = strings ? [['xl/sharedStrings.xml', sharedStrings()]] : [];
  if (absolute) {
    // openpyxl's order: properties, sheets, strings, styles, workbook and its relationships, root relationships, content types.
    parts.push(['docProps/app.xml', APP], ['docProps/core.xml', CORE], ...sheetParts.flat(), ...shared, ['xl/styles.xml', STYLES], ['xl/workbook.xml', workbook], ['xl/_rels/workbook.xml.rels', workbookRels], ['_rels/.rels', rootRels], ['[Content_Types].xml', contentTypes]);
  } else {
    parts.push(['[Content_Types].xml', contentTypes], ['_rels/.rels', rootRels], ['docProps/app.xml', APP], ['docProps/core.xml', CORE], ['xl/workbook.xml', workbook], ['xl/_rels/workbook.xml.rels', workbookRels], ['xl/styles.xml', STYLES], ...shared, ...(renamed ? [...sheetParts].reverse() : sheetParts).flat());
  }
  await writeFile(file, zip(parts));
}

/** A zip of named parts, as documents and archives are: the bytes of `files`. */
export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  return zip(Object.entries(files));
}

/** A compound (OLE) file holding streams of these names, as .xls, .doc, .ppt and encrypted Office files are. */
export function compoundOf(streams: string[]): Buffer {
  const XLSX = createRequire(import.meta.url)('@e965/xlsx') as { CFB: { utils: { cfb_new(): unknown; cfb_add(c: unknown, path: string, data: Buffer): void }; write(c: unknown, o: { type: 'buffer' }): Buffer } };
  const container = XLSX.CFB.utils.cfb_new();
  for (const name of streams) XLSX.CFB.utils.cfb_add(container, `/${name}`, Buffer.alloc(600, 1));
  return Buffer.from(XLSX.CFB.write(container, { type: 'buffer' }));
}

/** The register the writers write: an instructions sheet first, then the accounts under a title row. */
export const REGISTER: SheetSpec[] = [
  { name: '填表说明', rows: [['每行填写一个账号。']] },
  {
    name: '台账',
    rows: [
      ['江城市政务新媒体账号台账'],
      ['平台', '账号链接', '账号名称', '主办单位', '地区'],
      ['B站', { text: '江城发布', link: 'https://space.bilibili.com/400000001' }, '江城发布', '江城市人民政府新闻办公室', '江城市'],
      ['微博', 7000000001, '江城发布', '江城市人民政府新闻办公室', '江城市'],
      ['微信公众号', 'jcfabu', '江城发布', '江城市人民政府新闻办公室', '江城市'],
    ],
  },
];
