/**
 * Discord's rules as the stand-in enforces them: the REST routes a bot uses, their rate-limit buckets, and the
 * documented limits on message, embed, component and command payloads. Pure functions, no server state.
 */
import { createHash } from 'node:crypto';
import { ApplicationCommandType, ComponentType, type APIUser } from 'discord-api-types/v10';
import type { StandInUser } from './discord-stand-in.js';

const DISCORD_EPOCH = 1420070400000n;
let snowflakeCounter = 0n;
export function snowflake(at = Date.now()): string {
  snowflakeCounter = (snowflakeCounter + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeCounter).toString();
}

const ROUTES: Array<{ method: string; template: string; auth: boolean }> = [
  { method: 'GET', template: '/gateway/bot', auth: true },
  { method: 'GET', template: '/gateway', auth: false },
  { method: 'PUT', template: '/applications/:app/commands', auth: true },
  { method: 'GET', template: '/applications/:app/commands', auth: true },
  { method: 'PUT', template: '/applications/:app/guilds/:guild/commands', auth: true },
  { method: 'GET', template: '/applications/:app/guilds/:guild/commands', auth: true },
  { method: 'POST', template: '/interactions/:id/:token/callback', auth: false },
  { method: 'GET', template: '/webhooks/:app/:token/messages/:message', auth: false },
  { method: 'PATCH', template: '/webhooks/:app/:token/messages/:message', auth: false },
  { method: 'DELETE', template: '/webhooks/:app/:token/messages/:message', auth: false },
  { method: 'POST', template: '/webhooks/:app/:token', auth: false },
  { method: 'POST', template: '/channels/:channel/messages', auth: true },
  { method: 'POST', template: '/channels/:channel/typing', auth: true },
];

export function matchRoute(method: string, path: string) {
  const parts = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of ROUTES) {
    const tParts = route.template.split('/').filter(Boolean);
    if (tParts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < tParts.length; i++) {
      const t = tParts[i]!;
      const p = decodeURIComponent(parts[i]!);
      if (t.startsWith(':')) params[t.slice(1)] = p;
      else if (t !== p) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params, pathMatched };
  }
  return { route: undefined, params: {}, pathMatched };
}

/** Discord-style bucket id for a route (major parameters kept). */
export function bucketFor(method: string, template: string, params: Record<string, string>): { bucket: string; key: string } {
  const major = params.channel ?? params.guild ?? (params.token ? `${params.app ?? params.id}` : '');
  const bucket = createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
  return { bucket, key: `${bucket}:${major}` };
}

export function avatarless(user: StandInUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? user.username,
    discriminator: '0',
    avatar: null,
    bot: user.bot ?? false,
  };
}

// ─────────────── payload validation (Discord's documented limits) ───────────────

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
} as const;

/** Returns a list of `path: problem` strings; empty when the message body is acceptable. */
export function validateMessageBody(body: any): string[] {
  const problems: string[] = [];
  if (!body || typeof body !== 'object') return ['body: must be an object'];
  if (typeof body.content === 'string' && body.content.length > LIMITS.content)
    problems.push(`content: Must be ${LIMITS.content} or fewer in length.`);
  const embeds: any[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: Must be ${LIMITS.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((e, i) => {
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    if (len(e.title) > LIMITS.title) problems.push(`embeds.${i}.title: Must be ${LIMITS.title} or fewer in length.`);
    if (len(e.description) > LIMITS.description)
      problems.push(`embeds.${i}.description: Must be ${LIMITS.description} or fewer in length.`);
    if (len(e.footer?.text) > LIMITS.footer) problems.push(`embeds.${i}.footer.text: too long`);
    if (len(e.author?.name) > LIMITS.author) problems.push(`embeds.${i}.author.name: too long`);
    const fields: any[] = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > LIMITS.fields) problems.push(`embeds.${i}.fields: Must be ${LIMITS.fields} or fewer in length.`);
    fields.forEach((f, j) => {
      if (!len(f.name) || len(f.name) > LIMITS.fieldName) problems.push(`embeds.${i}.fields.${j}.name: bad length`);
      if (!len(f.value) || len(f.value) > LIMITS.fieldValue) problems.push(`embeds.${i}.fields.${j}.value: bad length`);
      total += len(f.name) + len(f.value);
    });
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  });
  if (total > LIMITS.embedTotal) problems.push(`embeds: Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  const rows: any[] = Array.isArray(body.components) ? body.components : [];
  if (rows.length > LIMITS.actionRows) problems.push(`components: Must be ${LIMITS.actionRows} or fewer in length.`);
  rows.forEach((row, i) => {
    if (row.type !== ComponentType.ActionRow) problems.push(`components.${i}.type: expected action row`);
    const comps: any[] = Array.isArray(row.components) ? row.components : [];
    if (comps.length < 1 || comps.length > LIMITS.rowComponents)
      problems.push(`components.${i}.components: Must be between 1 and ${LIMITS.rowComponents} in length.`);
    const ids = new Set<string>();
    comps.forEach((c, j) => {
      if (c.type === ComponentType.Button && c.style !== 5 && c.style !== 6) {
        if (typeof c.custom_id !== 'string' || c.custom_id.length < 1 || c.custom_id.length > LIMITS.customId)
          problems.push(`components.${i}.components.${j}.custom_id: Must be between 1 and ${LIMITS.customId} in length.`);
        if (ids.has(c.custom_id)) problems.push(`components.${i}.components.${j}.custom_id: duplicate`);
        ids.add(c.custom_id);
      }
      if (typeof c.label === 'string' && c.label.length > LIMITS.buttonLabel)
        problems.push(`components.${i}.components.${j}.label: Must be ${LIMITS.buttonLabel} or fewer in length.`);
      if (c.type === ComponentType.Button && !c.label && !c.emoji)
        problems.push(`components.${i}.components.${j}: a button needs a label or an emoji`);
    });
  });
  const am = body.allowed_mentions;
  if (am && Array.isArray(am.parse) && (am.users?.length || am.roles?.length) && am.parse.length)
    problems.push('allowed_mentions: parse and users/roles are mutually exclusive');
  return problems;
}

export function validateCommands(body: unknown): string[] {
  if (!Array.isArray(body)) return ['body: must be an array of commands'];
  const problems: string[] = [];
  if (body.length > 100) problems.push('commands: at most 100');
  body.forEach((c: any, i) => {
    const type = c.type ?? ApplicationCommandType.ChatInput;
    if (type === ApplicationCommandType.ChatInput) {
      if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name ?? '') || c.name !== String(c.name).toLowerCase())
        problems.push(`${i}.name: invalid`);
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 100)
        problems.push(`${i}.description: Must be between 1 and 100 in length.`);
      const opts: any[] = c.options ?? [];
      if (opts.length > 25) problems.push(`${i}.options: at most 25`);
      let seenOptional = false;
      opts.forEach((o, j) => {
        if (!o.required) seenOptional = true;
        else if (seenOptional) problems.push(`${i}.options.${j}: required options must come first`);
        if (typeof o.description !== 'string' || o.description.length < 1 || o.description.length > 100)
          problems.push(`${i}.options.${j}.description: bad length`);
      });
    } else {
      if (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 32) problems.push(`${i}.name: invalid`);
      if (c.description) problems.push(`${i}.description: context menu commands take no description`);
    }
  });
  return problems;
}

