import fs from 'node:fs';
import path from 'node:path';
import { FootnoteError } from '../errors.js';

const LOCK_FILE = '.ingest.lock';

/** An exclusive lock file holding our pid; a lock left by a dead process is taken over. */
export function acquireIngestLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new FootnoteError('INDEX_LOCKED', { dir, pid });
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
