/**
 * Entry of the GitHub Action (bundled to dist/action.js by scripts/build-action.mjs). Sets
 * process.exitCode rather than calling process.exit, so the log and file writes are never cut short.
 */
import { workflowCommand } from './commands.js';
import { runAction } from './run.js';

try {
  process.exitCode = await runAction({ env: process.env, cwd: process.cwd(), stdout: (text) => process.stdout.write(text) });
} catch (error) {
  // A bug in oomlint, not in the user's input: say so on the job, with the stack for the report.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stdout.write(`${workflowCommand('error', [['title', 'oomlint internal error']], `${detail}\nPlease report it.`)}\n`);
  process.exitCode = 2;
}
