/**
 * The supervisor set-up in deploy/: the systemd unit passes `systemd-analyze verify` (where systemd is installed) and
 * restarts exactly the exits the bot uses for "state unknown" (1), not a deliberate stop (0). The Dockerfile's probe
 * asks the same /health endpoint the bot serves.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

const UNIT = path.join(ROOT, 'deploy/footnote.service');
const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('deploy/footnote.service', () => {
  it.runIf(hasSystemdAnalyze)('supervisor: systemd-analyze verify accepts the unit without a warning', () => {
    const run = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' });
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.trim() }).toEqual({ status: 0, output: '' });
  });

  it('supervisor: the unit restarts on failure only, starts src/main.ts, and outwaits the bot\'s 10 s stop', () => {
    const unit = fs.readFileSync(UNIT, 'utf8');
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node --import tsx src\/main\.ts$/m);
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThan(10);
  });

  it('supervisor: the Dockerfile probes /health on the HEALTH_PORT it sets', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const port = /HEALTH_PORT=(\d+)/.exec(dockerfile)?.[1];
    expect(port).toBeDefined();
    expect(dockerfile).toContain(`HEALTHCHECK`);
    expect(dockerfile).toContain(`http://127.0.0.1:${port}/health`);
  });
});
