/** Which articles a scope lets through: a server sees its own and the shared ones, never another server's. */
import type { Article, ArticleScope } from '../types.js';

export function visibleArticles<T extends Pick<Article, 'id' | 'owner'>>(articles: readonly T[], scope?: ArticleScope): T[] {
  if (!scope) return [...articles];
  const chosen = scope.articles ? new Set(scope.articles) : undefined;
  return articles.filter(
    (article) => (scope.server === undefined || !article.owner || article.owner === scope.server) && (!chosen || chosen.has(article.id)),
  );
}
