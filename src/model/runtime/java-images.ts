/**
 * What images tell us about the JVM inside: which repositories run a JVM, which environment
 * variables their start scripts paste onto the java command line, whether they size the heap
 * themselves, and the JDK version a JDK image's tag names. Each entry cites the script it reads.
 */
import { parseImageRef } from '../image-ref.js';

export interface OptionVariable {
  name: string;
  /** The JVM options the start script derives from the value. */
  toOptions: (value: string) => string[];
  /** What the script uses when the variable is unset. */
  whenUnset?: string[];
}

export interface JavaImage {
  name: string;
  repositories: readonly string[];
  /** Variables the image's start script turns into java options, in the order it pastes them. */
  optionVariables: readonly OptionVariable[];
  /** The image (not the user) sizes the heap to the container when no heap flag is given. */
  managedHeap?: string;
  /** Tags are JDK versions (`17-jre`, `8u372`), not application versions. */
  jdkTags?: boolean;
}

const options = (value: string) => value.split(/\s+/).filter(Boolean);
const heapBoth = (value: string) => [`-Xms${value.trim()}`, `-Xmx${value.trim()}`];
const heapMax = (value: string) => [`-Xmx${value.trim()}`];

export const JAVA_IMAGES: readonly JavaImage[] = [
  {
    name: 'JDK base image',
    repositories: ['eclipse-temurin', 'openjdk', 'amazoncorretto', 'ibm-semeru-runtimes', 'azul/zulu-openjdk', 'bellsoft/liberica-openjdk-debian',
      'bellsoft/liberica-openjdk-alpine', 'bellsoft/liberica-runtime-container', 'sapmachine', 'java', 'adoptopenjdk', 'gcr.io/distroless/java17-debian12',
      'distroless/java17-debian12', 'distroless/java21-debian12', 'distroless/java11-debian11', 'distroless/java'],
    optionVariables: [],
    jdkTags: true,
  },
  // catalina.sh: JAVA_OPTS then CATALINA_OPTS are appended to the java command ("start" and "run").
  { name: 'Tomcat', repositories: ['tomcat', 'bitnami/tomcat'], optionVariables: [{ name: 'JAVA_OPTS', toOptions: options }, { name: 'CATALINA_OPTS', toOptions: options }] },
  // Elasticsearch ≥ 7.11 sizes the heap from the container's memory (about half of it, capped at
  // 31 GiB) unless jvm.options or ES_JAVA_OPTS set -Xmx; ES_JAVA_OPTS comes last and wins.
  {
    name: 'Elasticsearch',
    repositories: ['elasticsearch', 'elasticsearch/elasticsearch', 'bitnami/elasticsearch', 'opensearchproject/opensearch'],
    optionVariables: [{ name: 'ES_JAVA_OPTS', toOptions: options }, { name: 'OPENSEARCH_JAVA_OPTS', toOptions: options }],
    managedHeap: 'Elasticsearch sizes its heap from the container memory (about 50 %) when no -Xmx is given',
  },
  // kafka-server-start.sh: `if [ -z "$KAFKA_HEAP_OPTS" ]; then export KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"`.
  {
    name: 'Kafka',
    repositories: ['apache/kafka', 'bitnami/kafka', 'confluentinc/cp-kafka', 'confluentinc/cp-server', 'strimzi/kafka'],
    optionVariables: [{ name: 'KAFKA_HEAP_OPTS', toOptions: options, whenUnset: ['-Xmx1G', '-Xms1G'] }, { name: 'KAFKA_OPTS', toOptions: options }],
  },
  // bin/solr: SOLR_HEAP=2g becomes -Xms2g -Xmx2g; SOLR_JAVA_MEM is used verbatim instead when set. Default 512m.
  {
    name: 'Solr',
    repositories: ['solr', 'bitnami/solr'],
    optionVariables: [{ name: 'SOLR_HEAP', toOptions: heapBoth, whenUnset: ['-Xms512m', '-Xmx512m'] }, { name: 'SOLR_JAVA_MEM', toOptions: options }],
  },
  // cassandra-env.sh: -Xms${MAX_HEAP_SIZE} -Xmx${MAX_HEAP_SIZE} (else computed from system memory).
  { name: 'Cassandra', repositories: ['cassandra', 'bitnami/cassandra'], optionVariables: [{ name: 'MAX_HEAP_SIZE', toOptions: heapBoth }, { name: 'JVM_OPTS', toOptions: options }] },
  // hadoop-functions.sh: HADOOP_HEAPSIZE_MAX without a unit is MB (-Xmx${HADOOP_HEAPSIZE_MAX}m).
  {
    name: 'Hadoop',
    repositories: ['apache/hadoop', 'bitnami/hadoop'],
    optionVariables: [{ name: 'HADOOP_HEAPSIZE_MAX', toOptions: (v) => heapMax(/^\d+$/.test(v.trim()) ? `${v.trim()}m` : v) }],
  },
  // spark-submit: --driver-memory / SPARK_DRIVER_MEMORY is the driver JVM's -Xmx; executors likewise.
  {
    name: 'Spark',
    repositories: ['apache/spark', 'bitnami/spark', 'spark'],
    optionVariables: [{ name: 'SPARK_DRIVER_MEMORY', toOptions: heapMax }, { name: 'SPARK_EXECUTOR_MEMORY', toOptions: heapMax }],
  },
  // Paketo/Cloud Native Buildpacks images run the memory calculator at launch: it sets -Xmx to
  // fit the container limit after the non-heap regions (BPL_JVM_THREAD_COUNT, BPL_JVM_HEAD_ROOM…).
  {
    name: 'Paketo buildpack image',
    repositories: ['paketobuildpacks/run', 'paketobuildpacks/run-jammy-base', 'paketobuildpacks/run-jammy-tiny', 'paketobuildpacks/builder'],
    optionVariables: [],
    managedHeap: 'the Paketo memory calculator sets -Xmx at launch to fit the container limit',
  },
];

export function javaImageOf(image: string | undefined): JavaImage | undefined {
  const repository = image === undefined ? undefined : parseImageRef(image)?.repository;
  if (!repository) return undefined;
  return JAVA_IMAGES.find((entry) => entry.repositories.some((r) => repository === r || (r.includes('/') && repository.endsWith(`/${r}`))));
}

export interface JdkVersion {
  major: number;
  /** 8u372 → 372; 11.0.16 → 16; undefined when the tag names only the major (a moving tag). */
  update?: number;
  text: string;
}

/** The JDK version in a JDK image tag: `17-jre`, `17.0.8_7-jdk-jammy`, `8u372-b07-jre`, `11.0.15`, `8-jdk-alpine`. */
export function jdkVersionOfTag(tag: string | undefined): JdkVersion | undefined {
  if (!tag) return undefined;
  const eight = /^(?:1\.)?8u(\d+)/.exec(tag) ?? /^8\.0\.(\d+)/.exec(tag);
  if (eight) return { major: 8, update: Number(eight[1]), text: tag };
  const modern = /^(\d{1,2})(?:\.0\.(\d+))?(?=$|[-_.a-z])/.exec(tag);
  if (!modern) return undefined;
  const major = Number(modern[1]);
  if (major < 6 || major > 40) return undefined;
  return { major, ...(modern[2] !== undefined ? { update: Number(modern[2]) } : {}), text: tag };
}
