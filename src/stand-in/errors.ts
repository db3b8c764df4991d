import type { RESTError, RESTErrorData } from 'discord-api-types/v10';

/** A driver call that Discord's client would not allow (unknown command, missing option, disabled button). */
export class StandInError extends Error {
  override name = 'StandInError';
}

/** An error answer of the REST API: the HTTP status and Discord's JSON error code. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: RESTErrorData,
  ) {
    super(message);
  }

  get body(): RESTError {
    return { message: this.message, code: this.code, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

/** Throws 50035 Invalid Form Body with Discord's per-field error tree, from `path: problem` strings. */
export function invalidForm(problems: string[]): never {
  const errors = Object.fromEntries(
    problems.map((problem) => {
      const [where, ...rest] = problem.split(': ');
      return [where, { _errors: [{ code: 'BASE_TYPE_INVALID', message: rest.join(': ') }] }];
    }),
  );
  throw new RestError(400, 50035, 'Invalid Form Body', errors);
}

/** Throws 400 Invalid Form Body when `problems` is not empty. */
export function assertValid(problems: string[]): void {
  if (problems.length) invalidForm(problems);
}
