/** Whitespace as a reader sees it: runs collapsed to one space, no blank lines inside a paragraph. */
export function readerWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
