import { describe, expect, it } from 'vitest';
import { finalCommand, parseShellScript } from './shell.js';

const env = new Map<string, string | undefined>([
  ['JAVA_OPTS', '-Xmx512m -Xss512k'],
  ['EMPTY', ''],
  ['SECRET', undefined],
  ['HEAP', '768m'],
]);

function finalWords(script: string): string[] {
  return finalCommand(parseShellScript(script, env))?.words.map((w) => (w.unknown ? `?${w.text}` : w.text)) ?? [];
}

describe('parseShellScript + finalCommand', () => {
  it.each([
    ['java -jar app.jar', ['java', '-jar', 'app.jar']],
    ['exec java $JAVA_OPTS -jar app.jar', ['java', '-Xmx512m', '-Xss512k', '-jar', 'app.jar']],
    ['exec java "$JAVA_OPTS" -jar app.jar', ['java', '-Xmx512m -Xss512k', '-jar', 'app.jar']],
    ['exec java ${JAVA_OPTS} -Xmx${HEAP} -jar app.jar', ['java', '-Xmx512m', '-Xss512k', '-Xmx768m', '-jar', 'app.jar']],
    ["exec java '-Xmx$HEAP'", ['java', '-Xmx$HEAP']],
    ['exec java ${UNSET:--Xmx256m} x', ['java', '-Xmx256m', 'x']],
    ['exec java ${EMPTY:--Xmx256m} ${EMPTY--Xmx1g} x', ['java', '-Xmx256m', 'x']],
    ['exec java ${HEAP:+-Xmx$HEAP} x', ['java', '-Xmx$HEAP', 'x']],
    ['echo start; ./migrate.sh && exec java -Xmx1g -jar a.jar', ['java', '-Xmx1g', '-jar', 'a.jar']],
    ['set -e\nexport A=1\njava -Xmx1g app', ['java', '-Xmx1g', 'app']],
    ['exec tini -- java -Xmx1g app', ['java', '-Xmx1g', 'app']],
    ['exec env JAVA_HOME=/opt java -Xmx1g app', ['java', '-Xmx1g', 'app']],
    ['exec gosu app java -Xmx1g app', ['java', '-Xmx1g', 'app']],
    ['exec java $SECRET -jar a.jar', ['java', '?', '-jar', 'a.jar']],
    ['exec java $(cat /etc/opts) -jar a.jar', ['java', '?', '-jar', 'a.jar']],
    ['java \\\n  -Xmx1g \\\n  -jar a.jar # comment', ['java', '-Xmx1g', '-jar', 'a.jar']],
    ['OPTS="-Xmx2g"; exec java $OPTS app', ['java', '-Xmx2g', 'app']],
    ['exec java -Dx="a b" app', ['java', '-Dx=a b', 'app']],
  ])('%s', (script, expected) => {
    expect(finalWords(script)).toEqual(expected);
  });

  it('keeps leading assignments of the final command', () => {
    const command = finalCommand(parseShellScript('JAVA_TOOL_OPTIONS="-Xmx1g" exec java app', env));
    expect(command?.assignments.get('JAVA_TOOL_OPTIONS')).toBe('-Xmx1g');
  });

  it('never throws on odd scripts', () => {
    for (const script of ['"unterminated', "'x", '${', '$(', '\\', '$', '${A:-', ';;;', '|||', '$((1+2))', '`x`']) {
      expect(() => parseShellScript(script, env)).not.toThrow();
    }
  });
});
