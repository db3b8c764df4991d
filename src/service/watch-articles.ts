/** Edits, new files and removals in the articles folder, debounced into one reload once the writing settles. */
import fs from 'node:fs';
import path from 'node:path';

/** Editors and copies write a file in several steps; wait this long after the last event before reading the folder. */
export const WATCH_DEBOUNCE_MS = 300;

/** Names the loader ignores anyway (editor swap files, our own temporary writes) do not start a reload. */
const IGNORED = /(^\.|~$|\.swp$|\.tmp$)/;

export function watchArticles(dir: string, onChange: () => void, debounceMs = WATCH_DEBOUNCE_MS): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  // Recursive, so a server's folder (`servers/<id>/`) is watched too; not persistent, so it never keeps a process alive.
  const watcher = fs.watch(dir, { recursive: true, persistent: false }, (_event, name) => {
    if (name && IGNORED.test(path.basename(name.toString()))) return;
    schedule();
  });
  watcher.on('error', () => {
    // The folder itself went away; the next reload reports that, and a restart watches it again.
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
