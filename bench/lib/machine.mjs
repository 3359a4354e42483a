// @ts-check
/**
 * What the timings were taken on. The machine may be shared with other work, so the load average
 * at the start goes into the report: it says how far the figures can be trusted.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * @typedef {object} Machine
 * @property {string} cpu CPU model name
 * @property {number} cores logical CPUs
 * @property {number} ramGiB total memory, GiB (2^30 bytes)
 * @property {string} os distribution, kernel release and architecture
 * @property {string} node Node version
 * @property {[number, number, number]} loadAverage 1, 5 and 15 minute load average at the start
 * @property {string} date ISO 8601 start time
 */

/** The distribution's own name; os.type() alone only says "Linux". */
function distribution() {
  try {
    const match = /^PRETTY_NAME=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (match?.[1]) return match[1].trim().replace(/^(["'])(.*)\1$/, '$2');
  } catch {
    // No /etc/os-release (macOS, Windows): fall back to the kernel name below.
  }
  return os.type();
}

/** @returns {Machine} */
export function describeMachine() {
  const cpus = os.cpus();
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return {
    cpu: cpus[0]?.model.trim() || 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 2 ** 30,
    os: `${distribution()} (${os.type()} ${os.release()}, ${os.arch()})`,
    node: process.version,
    loadAverage: [one, five, fifteen],
    date: new Date().toISOString(),
  };
}
