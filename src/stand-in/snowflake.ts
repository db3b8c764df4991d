const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

/** A Discord-shaped id: milliseconds since Discord's epoch, worker 1, a 12-bit counter (so ids made in one ms differ). */
export function snowflake(at = Date.now()): string {
  counter = (counter + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | counter).toString();
}
