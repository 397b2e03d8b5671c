/**
 * How the person started gov-audit, as the command to type again: every
 * command the tool prints as a hint (`… validate 台账.xlsx`, `… --help`,
 * `… login douyin`) begins with it, so that the hint works where it is read.
 *
 * - `npx gov-audit`: started by npm, through `npx gov-audit` / `npm exec`
 *   (npm_command `exec`) or an npm script such as `npm run demo` (npm sets
 *   npm_lifecycle_event). The person is in the clone or in a project that
 *   holds gov-audit, where `gov-audit` alone is not a command; `npx gov-audit`
 *   finds the same package there again, and a global install anywhere.
 * - `gov-audit`: started as a command on the PATH: installed with
 *   `npm install -g`, linked with `npm link`, or the Windows bundle's
 *   `gov-audit.cmd`. No npm variable is set then.
 *
 * npm passes its variables on to the programs it starts, so a gov-audit
 * started by a script that npm started is said to be started by npm: npx
 * still finds it, installed or not (docs/decisions.md, "Install once").
 */
export type CommandPrefix = 'npx gov-audit' | 'gov-audit';

export function invokedAs(env: NodeJS.ProcessEnv): CommandPrefix {
  return startedByNpm(env) ? 'npx gov-audit' : 'gov-audit';
}

/** npm sets npm_command for every command it runs (`exec` for npx), and npm_lifecycle_event for a script or npx. */
function startedByNpm(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.npm_command || env.npm_lifecycle_event || env.npm_execpath);
}
