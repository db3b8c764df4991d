/**
 * What the process does with a fault nobody caught, written as one JSON line on stderr with tokens masked.
 * - `uncaughtException`: a handler stopped half-way and nobody knows what state it left behind, so exit 1 and let
 *   the supervisor (deploy/footnote.service, or the container's restart policy) start a clean process.
 * - `unhandledRejection`: a promise nobody awaited failed; the code that made it has moved on and the process is in
 *   a known state, so log it and keep serving (Node's default would exit and drop every user).
 */
import { loggableError } from './log.js';

export interface ProcessFaultOptions {
  write?: (line: string) => void;
  exit?: (code: number) => void;
}

export function handleProcessFaults(options: ProcessFaultOptions = {}): void {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const line = (level: 'fatal' | 'error', fault: string, error: unknown, msg: string) =>
    write(`${JSON.stringify({ level, time: new Date().toISOString(), fault, err: loggableError(error), msg })}\n`);
  process.on('uncaughtException', (error) => {
    line('fatal', 'uncaughtException', error, 'uncaught exception: the process state is unknown, exiting for a restart');
    exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    line('error', 'unhandledRejection', reason, 'unhandled promise rejection: logged, still serving');
  });
}
