/**
 * Generators for what a container runs and the runtime settings it reads: command lines (java,
 * node, start scripts, `sh -c` scripts with variable expansion), NODE_OPTIONS, GOMEMLIMIT and the
 * .NET GC heap limit values, valid and not.
 */
import fc from 'fast-check';
import { jvmFlag, jvmOptionsString } from './jvm.js';

const mebibytes = fc.oneof(fc.integer({ min: 0, max: 16_384 }), fc.constantFrom(64, 256, 512, 768, 1024, 4096));

const nodeFlag = fc.oneof(
  mebibytes.map((n) => `--max-old-space-size=${n}`),
  mebibytes.map((n) => `--max-semi-space-size=${n}`),
  mebibytes.map((n) => `--max-heap-size=${n}`),
  fc.integer({ min: 0, max: 120 }).map((n) => `--max-old-space-size-percentage=${n}`),
  fc.constantFrom('--max-old-space-size=1g', '--max-old-space-size', '--max_old_space_size=512', '--inspect', '--enable-source-maps', '-r', 'dotenv/config', '--', '--max-old-space-size=-1'),
);

/** NODE_OPTIONS: flags joined by spaces, sometimes quoted or with a bad escape. */
export const nodeOptions: fc.Arbitrary<string> = fc.oneof(
  fc.array(nodeFlag, { maxLength: 3 }).map((flags) => flags.join(' ')),
  fc.constantFrom('"--max-old-space-size=512"', '"--max-old-space-size=512', '--max-old-space-size=512 \\', "--title='a b'"),
);

/** GOMEMLIMIT as people write it: Go's own suffixes, Kubernetes and decimal ones, off, junk. */
export const goMemLimit: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 8192 }), fc.constantFrom('B', 'KiB', 'MiB', 'GiB', 'TiB', '', 'Mi', 'Gi', 'MB', 'G', 'm')).map(([n, u]) => `${n}${u}`),
  fc.constantFrom('off', '', '1e9', '+1GiB', '-1', '1.5GiB', '0x100', ' 512MiB', 'abc', '9223372036854775807', '9223372036854775808'),
);

/** DOTNET_GCHeapHardLimit is hexadecimal to the runtime, with or without 0x. */
export const dotnetHexValue: fc.Arbitrary<string> = fc.oneof(
  fc.nat().map((n) => `0x${n.toString(16)}`),
  fc.nat().map((n) => n.toString(16)),
  fc.nat(100_000_000).map(String),
  fc.constantFrom('200000000', '0x20000000', '1Gi', 'zz', '', '0', '50'),
);

const JAVA_RUNS = [['-jar', 'app.jar'], ['-cp', 'app.jar', 'com.example.Main'], ['com.example.Main'], []];
const script = fc.oneof(
  fc.tuple(fc.array(jvmFlag, { maxLength: 3 }), fc.constantFrom('exec ', '', 'set -e; exec ')).map(([flags, exec]) => `${exec}java $JAVA_OPTS ${flags.join(' ')} -jar /app/app.jar`),
  jvmOptionsString.map((opts) => `export JAVA_OPTS="${opts}"\nexec java $JAVA_OPTS -jar /app.jar`),
  fc.constantFrom(
    'exec java ${JAVA_OPTS:--Xmx256m} -jar app.jar',
    'java -XX:MaxRAMPercentage=${PCT:-75} -jar app.jar "$@"',
    'echo starting && exec node --max-old-space-size=$HEAP server.js',
    'cd /app; exec node index.js',
    'exec "$@"',
    'exec $(cat /cmd)',
    'if [ -f x ]; then java -Xmx1g -jar a.jar; fi',
    "exec java -Dx='a b' -Xmx2g -jar a.jar",
    'HEAP=512; exec node --max-old-space-size=$HEAP app.js',
    'GOMEMLIMIT=1GiB exec /app/server',
  ),
  fc.string({ maxLength: 40 }),
);

/** `command` values (which replace the image ENTRYPOINT). */
export const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom('java', '/usr/bin/java', '/opt/java/openjdk/bin/java'), fc.array(jvmFlag, { maxLength: 4 }), fc.constantFrom(...JAVA_RUNS)).map(([java, flags, run]) => [java, ...flags, ...run]),
  fc.tuple(fc.constantFrom('node', 'nodejs', '/usr/local/bin/node'), fc.array(nodeFlag, { maxLength: 3 }), fc.constantFrom('server.js', 'dist/main.js')).map(([node, flags, main]) => [node, ...flags, main]),
  fc.tuple(fc.constantFrom('sh', '/bin/sh', 'bash', '/bin/bash'), fc.constantFrom('-c', '-ec', '-xc'), script).map(([sh, c, s]) => [sh, c, s]),
  fc.tuple(fc.constantFrom('tini', 'dumb-init', '/usr/bin/env'), fc.constantFrom('--', 'java', 'node')).map(([w, next]) => [w, next, '-Xmx512m']),
  fc.constantFrom<string[]>(['catalina.sh', 'run'], ['bin/kafka-server-start.sh', 'config/server.properties'], ['/docker-entrypoint.sh'], ['/app/server'], ['dotnet', 'App.dll'], ['java', '$(JAVA_OPTS)', '-jar', 'app.jar']),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
);

/** `args` values (which replace the image CMD). */
export const args: fc.Arbitrary<string[]> = fc.oneof(fc.array(jvmFlag, { maxLength: 3 }), fc.array(nodeFlag, { maxLength: 2 }), script.map((s) => ['-c', s]));
