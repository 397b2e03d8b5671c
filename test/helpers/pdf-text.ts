import { inflateSync } from 'node:zlib';

/*
 * The text of each page of a PDF, as LibreOffice and Chromium write them:
 * objects in the clear (no object streams), content streams deflated, every
 * font with a ToUnicode map. Enough to say what a printed page shows; not a
 * general PDF reader (positions, encodings without a ToUnicode map and
 * object streams are not handled, and a test on such a PDF fails loudly).
 */

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = readObjects(pdf);
  if ([...objects.values()].some((o) => /\/Type\s*\/ObjStm/.test(o.dict))) throw new Error('PDF with object streams: not readable by this helper');
  const maps = new Map<number, ToUnicode>();
  const fontMap = (ref: number) => {
    if (!maps.has(ref)) {
      const unicodeRef = objects.get(ref)?.dict.match(/\/ToUnicode\s+(\d+)\s+0\s+R/)?.[1];
      const stream = unicodeRef ? objects.get(Number(unicodeRef))?.stream : undefined;
      maps.set(ref, stream ? parseToUnicode(stream.toString('latin1')) : { bytes: 1, map: new Map() });
    }
    return maps.get(ref)!;
  };
  return pageOrder(objects).map((page) => {
    const fonts = fontsOf(page, objects);
    const contents = refsAfter(page.dict, 'Contents').map((ref) => objects.get(ref)?.stream?.toString('latin1') ?? '');
    return contents.map((content) => showText(content, (name) => (fonts.has(name) ? fontMap(fonts.get(name)!) : undefined))).join('');
  });
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+0\s+obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body });
    } else {
      const dataStart = start + streamAt + body.slice(streamAt).match(/stream\r?\n/)![0].length;
      const dataEnd = text.lastIndexOf('endstream', end);
      const raw = pdf.subarray(dataStart, dataEnd);
      const dict = body.slice(0, streamAt);
      objects.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw, { finishFlush: 2 }) : raw });
    }
    header.lastIndex = end;
  }
  return objects;
}

/** The object numbers after `/Key`: one reference or an array of them. */
function refsAfter(dict: string, key: string): number[] {
  const value = dict.match(new RegExp(`/${key}\\s*(\\[[^\\]]*\\]|\\d+\\s+0\\s+R)`))?.[1] ?? '';
  return [...value.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
}

/** The pages in reading order, from the page tree. */
function pageOrder(objects: Map<number, PdfObject>): PdfObject[] {
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent\b/.test(o.dict));
  const walk = (node: PdfObject): PdfObject[] =>
    /\/Type\s*\/Pages\b/.test(node.dict) ? refsAfter(node.dict, 'Kids').flatMap((ref) => (objects.has(ref) ? walk(objects.get(ref)!) : [])) : [node];
  return root ? walk(root) : [];
}

/** A page's font names (`F1`) and the objects they name. */
function fontsOf(page: PdfObject, objects: Map<number, PdfObject>): Map<string, number> {
  let resources = page.dict;
  const resourcesRef = page.dict.match(/\/Resources\s+(\d+)\s+0\s+R/)?.[1];
  if (resourcesRef) resources = objects.get(Number(resourcesRef))?.dict ?? '';
  let fontDict = resources.match(/\/Font\s*<<([^>]*)>>/)?.[1];
  const fontRef = resources.match(/\/Font\s+(\d+)\s+0\s+R/)?.[1];
  if (fontDict === undefined && fontRef) fontDict = objects.get(Number(fontRef))?.dict ?? '';
  return new Map([...(fontDict ?? '').matchAll(/\/([^\s/<>[\]()]+)\s+(\d+)\s+0\s+R/g)].map((m) => [m[1]!, Number(m[2])]));
}

interface ToUnicode {
  bytes: number;
  map: Map<number, string>;
}

function parseToUnicode(cmap: string): ToUnicode {
  const hex = (h: string) => parseInt(h, 16);
  const utf16 = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map(hex));
  const map = new Map<number, string>();
  const bytes = (cmap.match(/begincodespacerange\s*<([0-9A-Fa-f]+)>/)?.[1]?.length ?? 2) / 2;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(hex(m[1]!), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = utf16(m[3]!);
      for (let code = hex(m[1]!); code <= hex(m[2]!); code++) map.set(code, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + code - hex(m[1]!)));
    }
  }
  return { bytes, map };
}

/** The text a content stream shows: its hex strings decoded through the font in use. */
function showText(content: string, font: (name: string) => ToUnicode | undefined): string {
  let current: ToUnicode | undefined;
  let out = '';
  for (const token of content.matchAll(/\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|(ET)/g)) {
    if (token[1] !== undefined) current = font(token[1]);
    else if (token[3]) out += '\n';
    else if (current && token[2] !== undefined) {
      const hex = token[2].replace(/\s+/g, '');
      for (let i = 0; i + current.bytes * 2 <= hex.length; i += current.bytes * 2) out += current.map.get(parseInt(hex.slice(i, i + current.bytes * 2), 16)) ?? '';
    }
  }
  return out;
}
