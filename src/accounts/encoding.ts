import { Transform } from 'node:stream';

/** The encodings gov-audit reads. GB18030 is a superset of GBK and GB2312, as Excel writes them. */
export type InputEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

const ALIASES: Record<string, InputEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
};

export function parseEncoding(value: string): InputEncoding | undefined {
  return ALIASES[value.trim().toLowerCase()];
}

/**
 * Guesses the encoding from the first bytes: a BOM decides; otherwise text
 * that is valid UTF-8 is UTF-8, and anything else is taken for GB18030, the
 * other encoding Excel writes on Chinese Windows.
 */
export function detectEncoding(head: Buffer): InputEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  try {
    // `stream: true` tolerates a character cut in two at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export class EncodingError extends Error {
  constructor(readonly encoding: InputEncoding) {
    super(`input is not valid ${encoding}`);
  }
}

/** Decodes a byte stream to text, dropping any BOM; invalid bytes raise EncodingError. */
export function decoderStream(encoding: InputEncoding): Transform {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new EncodingError(encoding);
    }
  };
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, decode(chunk));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, decode());
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
