import { createRequire } from 'node:module';
import type * as Cheerio from 'cheerio';

let loaded: typeof Cheerio | undefined;

/**
 * cheerio, loaded the first time a page or a feed is read: `validate` and
 * start-up never need it, and it costs a fifth of a second to load.
 */
export function cheerio(): typeof Cheerio {
  loaded ??= createRequire(import.meta.url)('cheerio') as typeof Cheerio;
  return loaded;
}
