/**
 * Whether the bot is up, for a supervisor or a container probe: `GET /health` on HEALTH_PORT answers 200 while every
 * gateway shard is connected and ready, 503 otherwise (connecting, resuming, or given up). Loopback by default.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Status, type Client } from 'discord.js';

export interface GatewayHealth {
  connected: boolean;
  /** Each shard's discord.js status name, e.g. `Ready`, `Connecting`, `Resuming`. */
  shards: Record<string, string>;
}

export function gatewayHealth(client: Client): GatewayHealth {
  const shards = Object.fromEntries([...client.ws.shards.values()].map((shard) => [String(shard.id), Status[shard.status] ?? String(shard.status)]));
  const values = Object.values(shards);
  return { connected: values.length > 0 && values.every((status) => status === Status[Status.Ready]), shards };
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(client: Client, options: { port: number; host?: string }): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/health') {
      response.writeHead(404).end();
      return;
    }
    const health = gatewayHealth(client);
    response.writeHead(health.connected ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(health));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
