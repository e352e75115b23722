/** The control characters (C0, DEL, C1, U+2028/2029) in a string, by code point: what a log line must not carry. */
export function controlCharacters(text: string): number[] {
  const found: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) found.push(code);
  }
  return found;
}
