/**
 * "Show context" for a sentence that is its whole paragraph would only repeat the quote, so its neighbouring
 * paragraphs are shown around it instead. The sentence keeps its exact offsets inside the widened text.
 */
import type { ArticleView, SourceView } from '../types.js';

/** Whether the sentence is all of its paragraph (leaving whitespace aside). */
export function isWholeParagraph(view: SourceView): boolean {
  return view.paragraph.slice(0, view.start).trim() === '' && view.paragraph.slice(view.end).trim() === '';
}

/** `view` widened to the paragraphs before and after it when its paragraph is that one sentence; otherwise `view`. */
export function withNeighbours(view: SourceView, article: ArticleView | undefined): SourceView {
  if (!article || !isWholeParagraph(view)) return view;
  const index = article.paragraphs.findIndex((p) => p.n === view.passage.paragraph);
  if (index < 0) return view;
  const before = article.paragraphs[index - 1]?.text;
  const after = article.paragraphs[index + 1]?.text;
  if (before === undefined && after === undefined) return view;
  const head = before === undefined ? '' : `${before}\n\n`;
  return {
    ...view,
    paragraph: `${head}${view.paragraph}${after === undefined ? '' : `\n\n${after}`}`,
    start: head.length + view.start,
    end: head.length + view.end,
  };
}
