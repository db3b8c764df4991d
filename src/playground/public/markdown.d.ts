/** Types for the browser module `markdown.js` (imported by tests). */
export function escapeHtml(text: string): string;
export function renderMarkdown(source: string, options?: { mention?: (id: string) => string | undefined }): string;
