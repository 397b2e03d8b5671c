/** The fields gov-audit reads from a list; every other column is carried through as `extra`. */
export type Field = 'platform' | 'url' | 'account' | 'name' | 'org' | 'region' | 'level' | 'manualStatus' | 'manualDate';

/**
 * Header names per field, compared after folding case, width and spaces.
 * `url` and `account` both hold the account; a URL column is preferred when
 * a list has both, because it also tells the platform.
 */
const HEADER_NAMES: Record<Field, readonly string[]> = {
  platform: ['platform', '平台', '平台名称', '媒体平台', '平台类型', '所属平台', '新媒体平台', '账号类型', '媒体类型'],
  url: ['url', 'link', 'profile', 'profile url', '链接', '主页', '主页链接', '账号链接', '网址', '主页地址', '主页网址', '账号主页', '链接地址', '账号地址', '访问地址', '账号网址'],
  account: ['account', 'id', 'account id', 'uid', '账号', '账号id', '帐号', '帐号id', '微信号', '抖音号', '快手号'],
  name: ['name', 'account name', '账号名称', '名称', '帐号名称', '账号名', '账号昵称', '昵称', '公众号名称', '用户名'],
  org: ['org', 'owner', 'organization', 'organisation', '单位', '主办单位', '运营主体', '开办单位', '主管单位', '所属单位', '责任单位', '主体单位', '运营单位', '单位名称', '开设单位'],
  region: ['region', '地区', '行政区划', '地域', '所属地区', '所在地区', '区域', '所属区域', '区县'],
  level: ['level', '层级', '级别', '行政级别', '单位级别', '账号级别'],
  manualStatus: ['manual check', 'manual result', 'manual check result', '人工核查结果', '人工核实结果', '核查结果'],
  manualDate: ['manual check date', 'checked on', '人工核查日期', '人工核实日期', '核查日期'],
};

export function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_-]+/g, '');
}

const FIELD_BY_HEADER = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADER_NAMES) as [Field, readonly string[]][]) {
  for (const name of names) FIELD_BY_HEADER.set(headerKey(name), field);
}

export interface ColumnMap {
  /** Column index of each field found (the first column that names it). */
  fields: Partial<Record<Field, number>>;
  /** Other columns: index and header, in file order. */
  extra: { index: number; header: string }[];
  headers: string[];
}

export function mapColumns(headers: string[]): ColumnMap {
  const fields: Partial<Record<Field, number>> = {};
  const extra: ColumnMap['extra'] = [];
  headers.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    const field = FIELD_BY_HEADER.get(headerKey(header));
    if (field && fields[field] === undefined) fields[field] = index;
    else extra.push({ index, header: header || `column ${index + 1}` });
  });
  return { fields, extra, headers: headers.map((h) => h.replace(/^\uFEFF/, '').trim()) };
}

export function accountHeaderNames(): string {
  return [...HEADER_NAMES.url, ...HEADER_NAMES.account].join(', ');
}

/** The header names a field is known by, for messages. */
export function headerNames(field: Field): string {
  return HEADER_NAMES[field].filter((name) => /[^\x00-\x7f]/.test(name)).slice(0, 6).join('、');
}
