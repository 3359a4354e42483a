/**
 * Which cgroup versions a HotSpot JDK reads its memory and CPU limits from, by version:
 * - JDK-8170888 (8u131, 9): experimental -XX:+UseCGroupMemoryLimitForHeap, cgroup v1, heap only.
 * - JDK-8146115 (10, backported to 8u191): -XX:+UseContainerSupport, on by default, cgroup v1.
 * - JDK-8230305 (15, backported to 11.0.16 and 8u372): cgroup v2.
 * A JDK without v2 support on a cgroup v2 node finds no v1 memory controller and falls back to
 * the node's memory and CPU count, like a JDK without container support at all.
 */
import { parseImageRef } from '../image-ref.js';
import type { JvmProcess } from './jvm.js';

export type ContainerSupport = 'none' | 'cgroupV1' | 'full';

export interface JdkSupport {
  support: ContainerSupport;
  /** `8u151`, `11.0.15`, `12`. */
  version: string;
  /** Why a moving tag is a fixed version (a deprecated image that stopped updating), or ''. */
  note: string;
  /** 8u131–8u190 and 9 have only the experimental -XX:+UseCGroupMemoryLimitForHeap. */
  experimental: boolean;
  /** The JDK to move to, with an image that has it. */
  fix: string;
}

type Jdk = NonNullable<JvmProcess['jdk']>;

/**
 * Deprecated images whose major-only tags stopped at an old update, so "latest update" does not
 * apply: `java` (no updates after 2016-12-31; its 8 tags are 8u111), `openjdk` (8u and 11u
 * removed in July 2022 after 8u342 / 11.0.16; Alpine 8 tags stopped at 8u212 in 2019),
 * `adoptopenjdk` (no updates after 2021-08-01, before 8u372 and 11.0.16 existed).
 */
function frozenUpdate(repository: string, jdk: Jdk): { update?: number; version: string; note: string } | undefined {
  if (jdk.update !== undefined) return undefined;
  if (repository === 'java' && jdk.major === 8) return { update: 111, version: '8u111', note: 'the deprecated java image, not updated since 2016' };
  if (repository === 'openjdk' && jdk.major === 8) {
    return /alpine/.test(jdk.text)
      ? { update: 212, version: '8u212', note: "the deprecated openjdk image's Alpine 8 tags stopped there in 2019" }
      : { update: 342, version: '8u342', note: "the deprecated openjdk image's 8 tags stopped there in 2022" };
  }
  if (repository === 'adoptopenjdk' && (jdk.major === 8 || jdk.major === 11)) {
    // Any update from before August 2021: 8u191 and later (v1 only), or below 11.0.16.
    return { update: jdk.major === 8 ? 191 : 0, version: `${jdk.major}`, note: 'the deprecated adoptopenjdk image, not updated since August 2021' };
  }
  return undefined;
}

function supportOf(major: number, update: number | undefined): ContainerSupport {
  if (major < 8 || major === 9) return 'none';
  // A moving 8 or 11 tag resolves to the latest update, which has cgroup v2 support.
  if (major === 8) return update === undefined || update >= 372 ? 'full' : update >= 191 ? 'cgroupV1' : 'none';
  if (major === 11) return update === undefined || update >= 16 ? 'full' : 'cgroupV1';
  return major >= 15 ? 'full' : 'cgroupV1'; // 10, 12, 13, 14
}

function fixFor(major: number): string {
  if (major === 8) return 'JDK 8u372 or later (e.g. eclipse-temurin:8-jre)';
  if (major === 11) return 'JDK 11.0.16 or later (e.g. eclipse-temurin:11-jre)';
  return 'JDK 17 or later (e.g. eclipse-temurin:21-jre)';
}

/** The JDK's container support, or undefined when its version or JVM is not known well enough. */
export function jdkSupportOf(jdk: Jdk): JdkSupport | undefined {
  // OpenJ9 builds (adoptopenjdk's `-openj9` tags) have their own container support history.
  if (/openj9/i.test(jdk.text)) return undefined;
  const repository = parseImageRef(jdk.image)?.repository ?? '';
  const frozen = frozenUpdate(repository, jdk);
  const update = frozen ? frozen.update : jdk.update;
  const support = supportOf(jdk.major, update);
  const version = frozen?.version ?? (jdk.update === undefined ? `${jdk.major}` : jdk.major === 8 ? `8u${jdk.update}` : `${jdk.major}.0.${jdk.update}`);
  const experimental = (jdk.major === 8 && update !== undefined && update >= 131 && update < 191) || jdk.major === 9;
  return { support, version, note: frozen?.note ?? '', experimental, fix: fixFor(jdk.major) };
}
