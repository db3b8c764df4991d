/** The stand-in speaks Discord's protocol honestly: checked here with plain fetch and ws, no discord.js. */
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { GatewayOpcodes, InteractionResponseType } from 'discord-api-types/v10';
import { DiscordStandIn } from '../../src/stand-in/index.js';
import { commands } from '../../src/discord/commands/index.js';

const TOKEN = 'MTAx.stand.in';
let s: DiscordStandIn;
const auth = { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' };
const api = (p: string) => `${s.apiBase}/v10${p}`;

beforeEach(async () => {
  s = await DiscordStandIn.start({ token: TOKEN, interactionResponseWindowMs: 300 });
});
afterEach(async () => {
  await s.stop();
});

/** One HTTP request with the path sent byte for byte (fetch would normalise it). */
function rawRequest(method: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(s.apiBase);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers: auth }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** A tiny gateway client: collects every payload received. */
function connect(url = `${s.gatewayUrl}?v=10&encoding=json`) {
  const ws = new WebSocket(url);
  const received: any[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (d) => received.push(JSON.parse(d.toString())));
  const next = (pred: (p: any) => boolean) => s.waitFor(() => received.find(pred), { timeoutMs: 3_000 });
  const send = (p: unknown) => ws.send(JSON.stringify(p));
  return { ws, received, next, send, closed };
}

describe('REST', () => {
  it('answers unknown routes with a Discord-style JSON 404 and checks the bot token', async () => {
    const r404 = await fetch(api('/guilds/1/bans'), { headers: auth });
    expect(r404.status).toBe(404);
    expect(await r404.json()).toEqual({ message: '404: Not Found', code: 0 });
    const r401 = await fetch(api('/gateway/bot'), { headers: { authorization: 'Bot wrong' } });
    expect(r401.status).toBe(401);
  });

  it('answers a path with a malformed percent-escape 400, records it, and keeps serving', async () => {
    for (const bad of ['/channels/%E0%A4%A/messages', '/channels/%/typing', '/webhooks/1/%zz%/messages/2']) {
      const { status, body } = await rawRequest('POST', `/api/v10${bad}`);
      expect(status, bad).toBe(400);
      expect(JSON.parse(body)).toEqual({ message: '400: Bad Request', code: 0 });
      expect(s.requests.at(-1)).toMatchObject({ path: bad, route: 'unknown', status: 400 });
    }
    const ok = await fetch(api('/gateway'));
    expect(ok.status).toBe(200);
  });

  it('sends rate-limit headers and records parsed bodies (JSON and multipart payload_json)', async () => {
    const r = await fetch(api('/gateway/bot'), { headers: auth });
    expect(await r.json()).toMatchObject({ url: s.gatewayUrl, shards: 1 });
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket'])
      expect(r.headers.get(h)).toBeTruthy();
    const form = new FormData();
    form.set('payload_json', JSON.stringify({ content: 'hi', allowed_mentions: { parse: [] } }));
    form.set('files[0]', new Blob(['x']), 'a.txt');
    const posted = await fetch(api(`/channels/${s.channelId}/messages`), { method: 'POST', headers: { authorization: `Bot ${TOKEN}` }, body: form });
    expect(posted.status).toBe(200);
    const rec = s.requests.at(-1)!;
    expect(rec).toMatchObject({ route: '/channels/:channel/messages', body: { content: 'hi' }, files: ['a.txt'] });
  });

  it('rejects messages over Discord limits with 50035 Invalid Form Body', async () => {
    const r = await fetch(api(`/channels/${s.channelId}/messages`), {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ content: 'x'.repeat(2001), embeds: [{ description: 'y'.repeat(4097) }] }),
    });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.code).toBe(50035);
    expect(Object.keys(body.errors)).toEqual(expect.arrayContaining(['content', 'embeds.0.description']));
  });

  it('injects 429s (with retry-after) and 500s on a route, then recovers', async () => {
    s.failNext({ route: '/gateway/bot', status: 429, retryAfter: 2, count: 1 });
    s.failNext({ route: '/gateway/bot', status: 500 });
    const limited = await fetch(api('/gateway/bot'), { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toMatchObject({ retry_after: 2, global: false });
    expect((await fetch(api('/gateway/bot'), { headers: auth })).status).toBe(500);
    expect((await fetch(api('/gateway/bot'), { headers: auth })).status).toBe(200);
    s.failNext({ route: '/gateway/bot', status: 429, global: true });
    const global = await fetch(api('/gateway/bot'), { headers: auth });
    expect(global.headers.get('x-ratelimit-global')).toBe('true');
  });

  it('enforces the first-response window and single acknowledgement for interactions', async () => {
    await fetch(api(`/applications/${s.applicationId}/guilds/${s.guildId}/commands`), { method: 'PUT', headers: auth, body: JSON.stringify(commands) });
    const late = s.sendSlashCommand('about');
    await new Promise((r) => setTimeout(r, 350));
    const tooLate = await fetch(api(`/interactions/${late.id}/${late.token}/callback`), { method: 'POST', headers: auth, body: JSON.stringify({ type: 5 }) });
    expect(tooLate.status).toBe(404);
    expect((await tooLate.json()).code).toBe(10062);

    const ok = s.sendSlashCommand('about');
    const cb = (type: number) => fetch(api(`/interactions/${ok.id}/${ok.token}/callback?with_response=true`), { method: 'POST', headers: auth, body: JSON.stringify({ type, data: { flags: 64 } }) });
    const first = await cb(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(first.status).toBe(200);
    expect((await first.json()).interaction).toMatchObject({ response_message_loading: true, response_message_ephemeral: true });
    expect((await (await cb(4)).json()).code).toBe(40060);
    const edit = await fetch(api(`/webhooks/${s.applicationId}/${ok.token}/messages/@original`), { method: 'PATCH', headers: auth, body: JSON.stringify({ content: 'done' }) });
    expect(edit.status).toBe(200);
    expect(s.original(ok)).toMatchObject({ content: 'done', flags: 64 });
  });

  it('validates registered commands', async () => {
    const r = await fetch(api(`/applications/${s.applicationId}/commands`), { method: 'PUT', headers: auth, body: JSON.stringify([{ name: 'Bad Name', description: '' }]) });
    expect(r.status).toBe(400);
  });
});

describe('members posting', () => {
  it('a reply references its message, carries it along, and pings its author unless the member turns that off', () => {
    const first = s.sendMessage('the talks are in Istanbul', { user: 'alice' });
    const reply = s.sendMessage('are they?', { user: 'bob', replyTo: first.id });
    expect(reply.message_reference?.message_id).toBe(first.id);
    expect(reply.referenced_message?.id).toBe(first.id);
    expect(reply.mentions.map((u) => u.username)).toEqual(['alice']);
    const quiet = s.sendMessage('are they?', { user: 'bob', replyTo: first.id, pingReplied: false });
    expect(quiet.mentions).toEqual([]);
    expect(() => s.sendMessage('x', { replyTo: first.id, channelId: s.threadId })).toThrow(/another channel/);
  });
});

describe('gateway', () => {
  it('HELLO, heartbeat ACK, IDENTIFY → READY + GUILD_CREATE, and RESUME replays missed events', async () => {
    const c = connect();
    const hello = await c.next((p) => p.op === GatewayOpcodes.Hello);
    expect(hello.d.heartbeat_interval).toBeGreaterThan(0);
    c.send({ op: GatewayOpcodes.Heartbeat, d: null });
    await c.next((p) => p.op === GatewayOpcodes.HeartbeatAck);
    c.send({ op: GatewayOpcodes.Identify, d: { token: TOKEN, intents: 1 | 512, properties: {} } });
    const ready = await c.next((p) => p.t === 'READY');
    expect(ready.d).toMatchObject({ v: 10, resume_gateway_url: s.gatewayUrl, application: { id: s.applicationId } });
    const guild = await c.next((p) => p.t === 'GUILD_CREATE');
    expect(guild.d.channels[0].id).toBe(s.channelId);

    // Without the Message Content intent, content arrives only when the bot is mentioned.
    s.sendMessage('plain chatter');
    s.sendMessage(`${s.mention()} hello`);
    const plain = await c.next((p) => p.t === 'MESSAGE_CREATE' && p.d.content === '');
    const mentioned = await c.next((p) => p.t === 'MESSAGE_CREATE' && p.d.content.endsWith('hello'));
    expect(plain.s).toBeLessThan(mentioned.s);

    s.closeGateway(4000);
    expect(await c.closed).toBe(4000);
    s.sendMessage(`${s.mention()} while you were away`);
    const c2 = connect(`${ready.d.resume_gateway_url}?v=10&encoding=json`);
    await c2.next((p) => p.op === GatewayOpcodes.Hello);
    c2.send({ op: GatewayOpcodes.Resume, d: { token: TOKEN, session_id: ready.d.session_id, seq: mentioned.s } });
    const replayed = await c2.next((p) => p.t === 'MESSAGE_CREATE');
    expect(replayed.d.content).toContain('while you were away');
    expect(replayed.s).toBe(mentioned.s + 1);
    await c2.next((p) => p.t === 'RESUMED');
    c2.ws.close();
  });

  it('refuses the privileged Message Content intent unless enabled, and bad tokens', async () => {
    const c = connect();
    await c.next((p) => p.op === GatewayOpcodes.Hello);
    c.send({ op: GatewayOpcodes.Identify, d: { token: TOKEN, intents: 1 | 512 | 32768, properties: {} } });
    expect(await c.closed).toBe(4014);
    const bad = connect();
    await bad.next((p) => p.op === GatewayOpcodes.Hello);
    bad.send({ op: GatewayOpcodes.Identify, d: { token: 'nope', intents: 1, properties: {} } });
    expect(await bad.closed).toBe(4004);
  });
});
