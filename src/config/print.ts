/**
 * --print-config: the effective configuration as YAML, every default filled in: each rule's
 * severity and options, failOn, ignore, images and the runtime assumptions. The output is itself
 * a valid configuration file (paths relative to the configuration file's directory).
 */
import { relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { rules as allRules } from '../../rules/index.js';
import type { Config } from '../config.js';
import type { AnyRule } from '../rule.js';
import { jvmSettingsOf } from './runtime.js';

export function printConfig(config: Config, rules: readonly AnyRule[] = allRules): string {
  const base = config.directory ?? process.cwd();
  const effective = {
    failOn: config.failOn,
    ignore: config.ignore.map((g) => g.pattern),
    images: Object.fromEntries([...config.images].map(([repository, path]) => [repository, relative(base, path).split(sep).join('/')])),
    runtime: { jvm: jvmSettingsOf(config.settings.jvmBudget) },
    rules: Object.fromEntries(
      rules.map((rule) => {
        const set = config.rules[rule.id];
        // An option whose default is undefined takes its value from elsewhere (worstCaseThreads:
        // runtime.jvm.worstCaseThreads); it is printed only when set.
        const options = Object.fromEntries(Object.entries({ ...rule.options.defaults, ...set?.options }).filter(([, v]) => v !== undefined));
        return [rule.id, { severity: set?.setting ?? rule.meta.severity, options }];
      }),
    ),
  };
  const from = config.file ? `${config.file}, with every default filled in` : 'no configuration file: the defaults';
  return `# oomlint effective configuration (${from})\n${stringify(effective, { lineWidth: 0 })}`;
}
