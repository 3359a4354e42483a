// @ts-check
/**
 * Compiles the Java stress program (validate/java/Stress.java) and its filler class into a cache
 * directory keyed by a hash of their sources, so a run compiles once and a changed source
 * recompiles. The filler's source is generated here: one class with a long arithmetic method,
 * so each copy the stress program defines gives the JIT a few KiB of fresh code to compile.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'java', 'Stress.java');
export const FILLER_NAME = 'OomFiller0000000';

/** A filler with `statements` mixing steps: ≈400 bytes of bytecode per 20 statements, under HugeMethodLimit (8000). */
export function fillerSource(statements = 160) {
  const body = [];
  for (let i = 0; i < statements; i++) {
    body.push(`    x = (x * ${31 + i}L) ^ (x >>> ${(i % 29) + 1}); if ((x & ${1 << i % 8}L) == 0) x += ${i * 7 + 3}L; else x -= y;`);
  }
  return [
    `public final class ${FILLER_NAME} implements java.util.function.LongUnaryOperator {`,
    `  static { Stress.FILLERS.add(new ${FILLER_NAME}()); }`,
    '  long y = 17;',
    '  public long applyAsLong(long x) {',
    '    long y = this.y;',
    ...body,
    '    return x;',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The compiled program: its class path and the filler's class file. Throws when javac fails. */
export function buildStress() {
  const stress = readFileSync(SOURCE, 'utf8');
  const filler = fillerSource();
  const hash = createHash('sha256').update(stress).update(filler).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `oomlint-validate-java-${hash}`);
  const fillerClass = join(dir, `${FILLER_NAME}.class`);
  if (!existsSync(fillerClass)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Stress.java'), stress);
    writeFileSync(join(dir, `${FILLER_NAME}.java`), filler);
    // -g:none: no SourceFile attribute, so the filler's name occurs only where renaming must change it.
    // -XDstringConcat=inline: no invokedynamic, so printing needs no new class once metaspace is full.
    execFileSync('javac', ['-g:none', '-XDstringConcat=inline', '-d', dir, join(dir, 'Stress.java'), join(dir, `${FILLER_NAME}.java`)], { stdio: 'inherit' });
  }
  return { classPath: dir, fillerClass };
}
