/** Citation refs: `paragraph.sentence` names a sentence within an article, `article:paragraph.sentence` across them. */

/** The ref that names a passage (or citation) across articles, e.g. `000_ce70d124781ea012:6.2`. */
export function passageRef(passage: { article: string; id: string }): string {
  return `${passage.article}:${passage.id}`;
}

/** A ref as typed: brackets and spaces are forgiven (`[6.2]`, ` 6. 2 `). */
export function cleanRef(ref: string): string {
  return ref.trim().replace(/^\[|\]$/g, '').replace(/\s+/g, '');
}
