import fs from 'node:fs';
import path from 'node:path';
import { FootnoteError } from '../errors.js';

const LOCK_FILE = '.ingest.lock';
/** Lock files this process holds now: a lock with our own pid is stale only when it is not one of these. */
const held = new Set<string>();

/** An exclusive lock file holding our pid; a lock left by a dead process is taken over. */
export function acquireIngestLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.resolve(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      return () => {
        held.delete(file);
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (pid === process.pid ? held.has(file) : Number.isInteger(pid) && isAlive(pid)) throw new FootnoteError('INDEX_LOCKED', { dir, pid });
      fs.rmSync(file, { force: true });
    }
  }
  throw new FootnoteError('INDEX_LOCKED', { dir, pid: 'unknown' });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
