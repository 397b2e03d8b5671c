/** Every form a secret can take in a text, fully encoded, as a platform echoing it or a writer escaping it would write it. */
export function secretForms(secret: string): Record<string, string> {
  const units = [...secret];
  const u = units.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  return {
    plain: secret,
    jsonString: JSON.stringify(secret).slice(1, -1),
    jsonU: u,
    jsonUUpper: u.toUpperCase().replace(/\\U/g, '\\u'),
    jsonUStringified: JSON.stringify(u).slice(1, -1),
    percent: encodeURIComponent(secret),
    percentAll: units.map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    htmlEscaped: secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    htmlDecimal: units.map((c) => `&#${c.charCodeAt(0)};`).join(''),
    htmlHex: units.map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
  };
}
