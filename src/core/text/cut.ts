/**
 * Where a long captured string is cut for display: at `max` UTF-16 units, one less when that
 * would split a surrogate pair (half an emoji would show as a lone surrogate's escape).
 */
export function cutIndex(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const last = text.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}

/** The text, or its first `max` units and "… (N more characters)". */
export function cutText(text: string, max: number): string {
  const at = cutIndex(text, max);
  return at === text.length ? text : `${text.slice(0, at)}… (${(text.length - at).toLocaleString('en')} more characters)`;
}
