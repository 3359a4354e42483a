// @ts-check
/**
 * Parses `jcmd <pid> VM.native_memory summary` (OpenJDK 17) into bytes per NMT category, and
 * maps them onto the regions of oomlint's JVM budget (src/model/runtime/jvm-budget.ts).
 */
const KB = 1024;

/**
 * @param {string} text the jcmd output
 * @returns {{ committed: Record<string, number>, classes?: number, threads?: number, stack?: number, metadata?: number, classSpace?: number, total?: number } | undefined}
 */
export function parseNmt(text) {
  const total = /^Total: reserved=(\d+)KB, committed=(\d+)KB/m.exec(text);
  if (!total) return undefined;
  /** @type {Record<string, number>} */
  const committed = {};
  for (const m of text.matchAll(/^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB\)/gm)) committed[String(m[1])] = Number(m[2]) * KB;
  const kb = (/** @type {RegExp} */ re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) * KB : undefined;
  };
  const count = (/** @type {RegExp} */ re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  return {
    committed,
    total: Number(total[2]) * KB,
    classes: count(/\(classes #(\d+)\)/),
    threads: count(/\(thread #(\d+)\)/),
    // Thread stacks: NMT counts the pages really touched (mincore), not the -Xss reservation.
    stack: kb(/\(stack: reserved=\d+KB, committed=(\d+)KB\)/),
    metadata: kb(/Metadata:\s*\)\s*\n\s*\(\s*reserved=\d+KB, committed=(\d+)KB\)/),
    classSpace: kb(/Class space:\s*\)\s*\n\s*\(\s*reserved=\d+KB, committed=(\d+)KB\)/),
  };
}

/**
 * The budget's regions as NMT measured them in one run (validate/run-case.mjs). Direct buffers
 * are malloc'd under "Other" in JDK 17, and so is the worst profile's stand-in for the code cache
 * the JIT did not reach (Stress.java holdNative), which counts as code cache here; metaspace is
 * class metadata plus the compressed class space; `other` is every category the budget has no
 * region for (symbols, C-heap of the class loader, compiler arenas, the shared class archive).
 * NMT's own bookkeeping exists only because the harness turned NMT on: left out everywhere.
 *
 * `otherInCgroup` is the memory the cgroup charged beyond the heap's resident pages and the
 * regions, page cache left out (the kernel reclaims it before it OOM-kills: the class files and
 * libjvm pages the first run reads are charged to it alone): NMT's `other` plus what NMT does not
 * see (malloc's free arenas, page tables, thread kernel stacks); undefined when the run has no heap
 * residence (validate/rss.mjs).
 * @param {any} r a run's result, with `nmt`
 */
export function regionsOf(r) {
  const nmt = /** @type {NonNullable<ReturnType<typeof parseNmt>>} */ (r.nmt);
  const c = nmt.committed;
  const standIn = Number(r.steady?.codeStandInBytes ?? 0);
  const heap = c['Java Heap'] ?? 0;
  const gc = c.GC ?? 0;
  const metaspace = (nmt.metadata ?? 0) + (nmt.classSpace ?? 0);
  const codeCache = (c.Code ?? 0) + standIn;
  const stacks = nmt.stack ?? 0;
  const direct = (c.Other ?? 0) - standIn;
  const total = (nmt.total ?? 0) - (c['Native Memory Tracking'] ?? 0);
  const other = total - heap - gc - metaspace - codeCache - stacks - direct;
  const otherInCgroup = r.atNmt ? r.atNmt.usage - r.atNmt.cache - (c['Native Memory Tracking'] ?? 0) - r.atNmt.heapRss - gc - metaspace - codeCache - stacks - direct : undefined;
  return { heap, gc, metaspace, codeCache, stacks, direct, other, total, otherInCgroup, heapRss: r.atNmt?.heapRss };
}
