/**
 * lint() names files relative to where it runs (the `working-directory` input), while GitHub places
 * annotations, and upload-sarif places results, by path from the repository root. This moves every
 * path in a result to the workspace (the checkout), with `/` separators.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LintResult } from '../result.js';

export function relativeToWorkspace(result: LintResult, workingDirectory: string, workspace: string): LintResult {
  if (resolve(workingDirectory) === resolve(workspace)) return result;
  const move = (file: string): string => {
    // `<stdin>` and other names that are not paths stay as they are.
    if (file === '' || file.startsWith('<')) return file;
    const absolute = resolve(workingDirectory, file);
    const path = relative(workspace, absolute);
    return isAbsolute(path) ? absolute : path.split(sep).join('/');
  };
  return {
    findings: result.findings.map((f) => ({
      ...f,
      file: move(f.file),
      ...(f.suppressions ? { suppressions: f.suppressions.map((s) => ({ ...s, file: move(s.file) })) } : {}),
    })),
    // `no-input` names the paths given (space-separated), not one file.
    errors: result.errors.map((e) => (e.code === 'no-input' ? e : { ...e, file: move(e.file) })),
    summary: { ...result.summary, skipped: result.summary.skipped.map((s) => ({ ...s, file: move(s.file) })) },
  };
}
