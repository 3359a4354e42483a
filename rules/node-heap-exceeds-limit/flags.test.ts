import { ruleTester, yaml } from '../../test/rule-tester.js';
import rule from './index.js';

const MiB = 2 ** 20;

// Which heap flag node actually uses (command line over NODE_OPTIONS, the percentage flag, a flag
// after the script), and flag values that stop node at start-up.
ruleTester(rule, {
  valid: [
    {
      name: 'a flag after the script goes to the script (ignored, not fatal)',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, server.js, --max-old-space-size=8192]
              resources:
                limits: {memory: 512Mi}
      `,
    },
    {
      name: 'the percentage flag at 75 % overrides a too large --max-old-space-size',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:22
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=4096 --max-old-space-size-percentage=75}
              resources:
                limits: {memory: 1Gi}
      `,
    },
    {
      name: 'the command line overrides a too large NODE_OPTIONS value',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, --max-old-space-size=1536, server.js]
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=4096}
              resources:
                limits: {memory: 2Gi}
      `,
    },
  ],
  invalid: [
    {
      name: 'the command line wins over NODE_OPTIONS and leaves too little',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, --max-old-space-size=450, server.js]
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=256}
              resources:
                limits: {memory: 512Mi}
      `,
      problems: [
        {
          messageId: 'noRoom',
          args: ['Pod web', 'web', 'container', '--max-old-space-size=450', 'command line', 450 * MiB, 512 * MiB, 'container', '--max-old-space-size=384', 25],
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 47,
          container: 'web',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a unit suffix stops node at start-up; the fix fits the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              env:
                - {name: NODE_OPTIONS, value: "--max-old-space-size=4g"}
              resources:
                limits: {memory: 4Gi}
      `,
      problems: [
        {
          messageId: 'invalid',
          args: [
            'Pod web',
            'web',
            'container',
            '--max-old-space-size=4g',
            'NODE_OPTIONS',
            'the value is a plain number of MiB and takes no unit suffix; for 4g write --max-old-space-size=4096: V8 prints "illegal value for flag" and node exits with "bad option" (code 9)',
            3072,
            4 * 2 ** 30,
          ],
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 64,
          container: 'web',
        },
      ],
    },
    {
      name: 'an invalid value without a limit still stops node',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, --max-old-space-size=1.5, server.js]
      `,
      problems: [
        {
          messageId: 'invalid',
          args: [
            'Pod web',
            'web',
            'container',
            '--max-old-space-size=1.5',
            'command line',
            'the value must be a whole number of MiB: V8 prints "illegal value for flag" and node exits with "bad option" (code 9)',
            undefined,
            undefined,
          ],
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 47,
          container: 'web',
        },
      ],
    },
    {
      name: 'two problems: --max-heap-size is not allowed in NODE_OPTIONS, and the command-line heap fills the limit',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              command: [node, --max-old-space-size=1024, server.js]
              env:
                - {name: NODE_OPTIONS, value: --max-heap-size=300}
              resources:
                limits: {memory: 1Gi}
      `,
      problems: [
        {
          messageId: 'invalid',
          args: [
            'Pod web',
            'web',
            'container',
            '--max-heap-size=300',
            'NODE_OPTIONS',
            '--max-heap-size is not allowed in NODE_OPTIONS (only on the command line): node refuses NODE_OPTIONS and exits with code 9',
            768,
            2 ** 30,
          ],
          line: 10,
          column: 39,
          endLine: 10,
          endColumn: 58,
          container: 'web',
        },
        {
          messageId: 'aboveLimit',
          args: ['Pod web', 'web', 'container', '--max-old-space-size=1024', 'command line', 2 ** 30, 2 ** 30, 'container', '--max-old-space-size=768', 25],
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 48,
          container: 'web',
        },
      ],
    },
    {
      name: '"--" in NODE_OPTIONS is fatal but gets no heap suggestion',
      yaml: yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: node:20
              env:
                - {name: NODE_OPTIONS, value: --max-old-space-size=256 --}
              resources:
                limits: {memory: 512Mi}
      `,
      problems: [
        {
          messageId: 'invalid',
          args: ['Pod web', 'web', 'container', '--', 'NODE_OPTIONS', '"--" is not allowed in NODE_OPTIONS: node exits with code 9', undefined, undefined],
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 66,
          container: 'web',
        },
      ],
    },
  ],
});
