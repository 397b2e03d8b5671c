import { createRequire } from 'node:module';

const unzipper = createRequire(import.meta.url)('unzipper') as {
  Open: {
    buffer(data: Buffer): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }>;
    file(path: string): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }>;
  };
};

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** Every part of a Word document, by its path in the zip. */
export async function docxParts(document: Buffer): Promise<Map<string, string>> {
  const { files } = await unzipper.Open.buffer(document);
  return new Map(await Promise.all(files.map(async (f) => [f.path, (await f.buffer()).toString('utf8')] as const)));
}

/** A Word document's text, one line per paragraph (a table cell is a paragraph), as a reader sees it. */
export function textOfDocumentXml(xml: string): string {
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&(?:lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]!)).join(''))
    .filter(Boolean)
    .join('\n');
}

export async function docxText(document: Buffer): Promise<string> {
  return textOfDocumentXml((await docxParts(document)).get('word/document.xml')!);
}

export async function docxFileText(path: string): Promise<string> {
  const { files } = await unzipper.Open.file(path);
  return textOfDocumentXml((await files.find((f) => f.path === 'word/document.xml')!.buffer()).toString('utf8'));
}
