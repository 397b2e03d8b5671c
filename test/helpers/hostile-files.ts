import { createRequire } from 'node:module';
import { deflateRawSync, gzipSync } from 'node:zlib';

/*
 * Hostile list files and archives (issue #30, item 2), made by the tests
 * themselves, small: each declares or packs an expansion far larger than it
 * is, as the files an attacker would send do. No binary is committed.
 */

/** One entry of a hand-made zip. */
export interface RawEntry {
  name: string;
  data: Buffer | string;
  /** Stored as is (OpenDocument's `mimetype`), else deflated. */
  stored?: boolean;
  /** The size the directory says it inflates to, when it lies. */
  declaredSize?: number;
}

/**
 * A zip of these entries. `overlapping`: that many more directory entries,
 * each pointing at the first entry's bytes (the overlapping zip bomb: every
 * entry inflates one kernel). CRCs are left at 0: the readers refuse the
 * file before they would check one.
 */
export function rawZip(entries: RawEntry[], { overlapping = 0 } = {}): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const directoryEntry = (entry: RawEntry, packedLength: number, size: number, at: number) => {
    const path = Buffer.from(entry.name, 'utf8');
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(entry.stored ? 0 : 8, 10);
    record.writeUInt32LE(packedLength, 20);
    record.writeUInt32LE(entry.declaredSize ?? size, 24);
    record.writeUInt16LE(path.length, 28);
    record.writeUInt32LE(at, 42);
    return Buffer.concat([record, path]);
  };
  let first: { entry: RawEntry; packed: number; size: number } | undefined;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const packed = entry.stored ? data : deflateRawSync(data, { level: 9 });
    const path = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(entry.stored ? 0 : 8, 8);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(entry.declaredSize ?? data.length, 22);
    header.writeUInt16LE(path.length, 26);
    central.push(directoryEntry(entry, packed.length, data.length, offset));
    first ??= { entry, packed: packed.length, size: data.length };
    local.push(header, path, packed);
    offset += header.length + path.length + packed.length;
  }
  for (let n = 0; n < overlapping && first; n++) central.push(directoryEntry({ ...first.entry, name: `${first.entry.name}.${n}` }, first.packed, first.size, 0));
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** An OpenDocument spreadsheet whose `content.xml` is this body inside one table. */
export function odsOf(tableBody: string): Buffer {
  const content =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">' +
    `<office:body><office:spreadsheet><table:table table:name="Sheet1">${tableBody}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${ODS_MIME}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return rawZip([
    { name: 'mimetype', data: ODS_MIME, stored: true },
    { name: 'content.xml', data: content },
    { name: 'styles.xml', data: '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>' },
    { name: 'META-INF/manifest.xml', data: manifest },
  ]);
}

const cell = (text: string, attributes = '') => `<table:table-cell office:value-type="string"${attributes}><text:p>${text}</text:p></table:table-cell>`;

/** A header row and one account row, the account row repeated `rows` times across `columns` columns: about a kilobyte. */
export function repeatingOds(rows: number, columns: number): Buffer {
  return odsOf(
    `<table:table-row>${cell('platform')}${cell('account')}</table:table-row>` +
      `<table:table-row table:number-rows-repeated="${rows}">${cell('bilibili')}${cell('https://space.bilibili.com/1', ` table:number-columns-repeated="${columns}"`)}</table:table-row>`,
  );
}

/** The parts of an .xlsx whose one sheet reads its cells from `sharedStrings` (its XML, or the bytes of it). */
export function xlsxWithSharedStrings(sharedStrings: Buffer | string, options: { declaredSize?: number } = {}): Buffer {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return rawZip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    },
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    { name: 'xl/sharedStrings.xml', data: sharedStrings, declaredSize: options.declaredSize },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>`,
    },
  ]);
}

/** Shared strings: the header and one account, then `filler` more strings of `length` characters each. */
export function sharedStringsXml(filler: number, length = 1): Buffer {
  const head = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>platform</t></si><si><t>account</t></si><si><t>bilibili</t></si><si><t>https://space.bilibili.com/1</t></si>';
  const one = `<si><t>${'x'.repeat(length)}</t></si>`;
  return Buffer.concat([Buffer.from(head), Buffer.from(one.repeat(filler)), Buffer.from('</sst>')]);
}

/** A real .xls (BIFF8, as SheetJS writes one) of a header and one account. */
export function smallXls(): Buffer {
  const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['platform', 'account'], ['bilibili', 'https://space.bilibili.com/1']]), 'Sheet1');
  return Buffer.from(XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer);
}

/**
 * That .xls with one chain of its compound file made to loop: `fat`, the
 * directory's sector pointing to itself; `minifat`, the first mini sector
 * (where the small streams start) pointing to itself; `directory`, the root
 * entry naming itself as its child. Four bytes changed.
 */
export function loopingXls(chain: 'fat' | 'minifat' | 'directory'): Buffer {
  const bytes = smallXls();
  const sectorBytes = 1 << bytes.readUInt16LE(0x1e);
  const at = (sector: number) => (sector + 1) * sectorBytes;
  const fatSector = bytes.readUInt32LE(0x4c);
  const directorySector = bytes.readUInt32LE(0x30);
  if (chain === 'fat') bytes.writeUInt32LE(directorySector, at(fatSector) + directorySector * 4);
  if (chain === 'minifat') bytes.writeUInt32LE(0, at(bytes.readUInt32LE(0x3c)));
  if (chain === 'directory') bytes.writeUInt32LE(0, at(directorySector) + 0x4c);
  return bytes;
}

/** A WARC response record (gzip member) whose HTTP body is sent `encoding`-encoded: `body` as the platform would send it. */
export function warcResponse(url: string, encodedBody: Buffer, encoding: string): Buffer {
  const http = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: ${encoding}\r\nContent-Length: ${encodedBody.length}\r\n\r\n`), encodedBody]);
  return warcRecord({ 'WARC-Type': 'response', 'WARC-Target-URI': url, 'WARC-Concurrent-To': '<urn:uuid:req-1>', 'Content-Type': 'application/http; msgtype=response' }, http);
}

/** One WARC record, gzipped as a member of its own; `declaredLength` when its header lies. */
export function warcRecord(headers: Record<string, string>, block: Buffer, declaredLength = block.length): Buffer {
  const lines = [
    'WARC/1.1',
    ...(headers['WARC-Record-ID'] ? [] : [`WARC-Record-ID: <urn:uuid:${Math.random().toString(16).slice(2)}-rec>`]),
    'WARC-Date: 2026-11-20T02:00:00Z',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${declaredLength}`,
  ];
  return gzipSync(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]));
}

/** gov-audit's own warcinfo record, which a replay needs first. */
export function warcInfo(): Buffer {
  return warcRecord({ 'WARC-Type': 'warcinfo', 'Content-Type': 'application/warc-fields' }, Buffer.from('software: gov-audit/0.0.0-test\r\ngov-audit-now: 2026-11-20T02:00:00.000Z\r\n'));
}
