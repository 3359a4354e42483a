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
 * The budget's regions as NMT measured them. Direct buffers are malloc'd under "Other" in
 * JDK 17; metaspace is class metadata plus the compressed class space; `other` is every
 * category the budget has no region for (symbols, C-heap of the class loader, compiler arenas,
 * the shared class archive). NMT's own bookkeeping is left out of every number.
 * @param {NonNullable<ReturnType<typeof parseNmt>>} nmt
 */
export function regionsOf(nmt) {
  const c = nmt.committed;
  const heap = c['Java Heap'] ?? 0;
  const gc = c.GC ?? 0;
  const metaspace = (nmt.metadata ?? 0) + (nmt.classSpace ?? 0);
  const codeCache = c.Code ?? 0;
  const stacks = nmt.stack ?? 0;
  const direct = c.Other ?? 0;
  // NMT's own bookkeeping exists only because the harness turned NMT on: left out everywhere.
  const total = (nmt.total ?? 0) - (c['Native Memory Tracking'] ?? 0);
  const other = total - heap - gc - metaspace - codeCache - stacks - direct;
  return { heap, gc, metaspace, codeCache, stacks, direct, other, total };
}
