import { Transform } from 'node:stream';
import { ListLimitError, type ListLimits } from './limits.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * Passes decoded CSV text through unchanged, counting each record's characters
 * and fields as csv-parse will split them (commas and line ends outside
 * quotes; a doubled quote inside quotes toggles twice, and so counts as
 * none), and stops the read with a ListLimitError at the first record over
 * the limits. csv-parse's own `max_record_size` counts field text only: a
 * line of millions of empty fields would pass it while its record array grew
 * to gigabytes.
 */
export function csvRecordGuard(limits: Pick<ListLimits, 'maxCsvRecordChars' | 'maxCsvFields'>): Transform {
  let quoted = false;
  let chars = 0;
  let fields = 1;
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _encoding, callback) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === QUOTE) quoted = !quoted;
        else if (!quoted && code === COMMA) fields++;
        else if (!quoted && code === NEWLINE) {
          chars = 0;
          fields = 1;
          continue;
        }
        chars++;
        if (fields > limits.maxCsvFields) return callback(new ListLimitError('csv-fields', limits.maxCsvFields));
        if (chars > limits.maxCsvRecordChars) return callback(new ListLimitError('csv-record', limits.maxCsvRecordChars));
      }
      callback(null, text);
    },
  });
}
