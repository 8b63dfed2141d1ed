/**
 * Chinese input methods type full-width ASCII (Ａ１（，：) when the user forgets to switch; the
 * user means the half-width characters, so every parser reads them as such.
 */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  // Most cells hold no full-width character: skip the two replacements for them.
  if (!FULL_WIDTH.test(s)) return s;
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}
