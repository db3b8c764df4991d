/** The REST routes a bot uses, as Discord names them, and which of them need the bot token. */

export const ROUTES = [
  { method: 'GET', template: '/gateway/bot', auth: true },
  { method: 'GET', template: '/gateway', auth: false },
  { method: 'PUT', template: '/applications/:app/commands', auth: true },
  { method: 'GET', template: '/applications/:app/commands', auth: true },
  { method: 'PUT', template: '/applications/:app/guilds/:guild/commands', auth: true },
  { method: 'GET', template: '/applications/:app/guilds/:guild/commands', auth: true },
  // Interaction callbacks and webhooks are authorised by the token in the path, as on Discord.
  { method: 'POST', template: '/interactions/:id/:token/callback', auth: false },
  { method: 'GET', template: '/webhooks/:app/:token/messages/:message', auth: false },
  { method: 'PATCH', template: '/webhooks/:app/:token/messages/:message', auth: false },
  { method: 'DELETE', template: '/webhooks/:app/:token/messages/:message', auth: false },
  { method: 'POST', template: '/webhooks/:app/:token', auth: false },
  { method: 'POST', template: '/channels/:channel/messages', auth: true },
  { method: 'POST', template: '/channels/:channel/typing', auth: true },
  { method: 'POST', template: '/channels/:channel/messages/:message/threads', auth: true },
  { method: 'POST', template: '/users/@me/channels', auth: true },
  { method: 'GET', template: '/applications/@me', auth: true },
] as const;

export type Route = (typeof ROUTES)[number];
/** `METHOD /template` of each route, the key the router switches on. */
export type RouteKey = KeyOf<Route>;
type KeyOf<R> = R extends Route ? `${R['method']} ${R['template']}` : never;

export interface RouteMatch {
  /** Undefined when no route has this method and path. */
  route?: Route;
  /** Path parameters by name (`:channel` → `channel`), URI-decoded. */
  params: Record<string, string>;
  /** True when some route has this path, so the answer is 405 rather than 404. */
  pathMatched: boolean;
  /** True when a path segment is not valid percent-encoding (`%E0%A4%A`): answered 400, never routed. */
  malformed?: boolean;
}

export function matchRoute(method: string, path: string): RouteMatch {
  const parts = decodeParts(path);
  if (!parts) return { params: {}, pathMatched: false, malformed: true };
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchTemplate(route.template, parts);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { route, params, pathMatched };
  }
  return { params: {}, pathMatched };
}

function matchTemplate(template: string, parts: string[]): Record<string, string> | undefined {
  const names = template.split('/').filter(Boolean);
  if (names.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    const part = parts[i]!;
    if (name.startsWith(':')) params[name.slice(1)] = part;
    else if (name !== part) return undefined;
  }
  return params;
}

function decodeParts(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  } catch {
    return undefined; // URIError: a stray `%` or a truncated UTF-8 sequence
  }
}

export function routeKey(route: Route): RouteKey {
  // Exact: a route's method and template come from one entry of ROUTES.
  return `${route.method} ${route.template}` as RouteKey;
}
