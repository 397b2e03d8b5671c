import { describe, expect, it } from 'vitest';
import { REDACTED, SecretRegistry } from '../../src/fetch/redact.js';
import { secretForms } from '../helpers/secret-forms.js';

const SECRET = 'S3cr3t<&>Cookie/Val+42=';

describe('a registered secret', () => {
  const secrets = new SecretRegistry();
  secrets.add(SECRET);

  it('is masked in every form it can take, and the text around it is left as it was', () => {
    for (const [form, text] of Object.entries(secretForms(SECRET))) {
      expect(secrets.redact(`name: ${text} (江城发布)`), form).toBe(`name: ${REDACTED} (江城发布)`);
    }
  });

  it('is masked in a mix of forms, and in JSON.stringify of a text holding it', () => {
    const mixed = `S3cr3t\\u003c&amp;%3ECookie\\/Val%2B42&#61;`;
    expect(secrets.redact(`"${mixed}"`)).toBe(`"${REDACTED}"`);
    const stringified = JSON.stringify({ name: `${SECRET} ${secretForms(SECRET).jsonU}` });
    expect(secrets.redact(stringified)).toBe(JSON.stringify({ name: `${REDACTED} ${REDACTED}` }));
  });

  it('leaves escapes that are not the secret alone, and a text without it unchanged', () => {
    const text = '{"name":"\\u6c5f\\u57ce","url":"https://x.cn/a%2Fb?c=1&amp;d=2"}';
    expect(secrets.redact(text)).toBe(text);
  });

  it('is masked in every string of an observation, dates and numbers kept', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const masked = secrets.redactDeep({ kind: 'found', profile: { name: `x${SECRET}`, followers: 3 }, posts: [{ at, title: secretForms(SECRET).jsonU }] });
    expect(masked).toEqual({ kind: 'found', profile: { name: `x${REDACTED}`, followers: 3 }, posts: [{ at, title: REDACTED }] });
    expect(masked.posts[0]!.at).toBe(at);
  });
});
