// A JVM whose memory footprint is set by its arguments, so the validation harness can run the
// profile a budget assumes (validate/run.mjs). Each region is filled in turn, then the program
// prints one STEADY line (what it reached, as key=value) and holds until it is killed.
//
//   classes=N      loaded classes: JDK classes from the runtime image (realistic sizes), then
//                  clones of a generated filler class when the image runs out
//   metaspaceBytes=B  instead of a class count: load them until metaspace has committed B bytes
//                  (the worst profile: the calculator's metaspace, whatever a class weighs)
//   codeMiB=M      code cache in use: filler methods called until the JIT has compiled M MiB
//   codeSeconds=S  time allowed for that (the code cache grows only as fast as the JIT compiles)
//   codeStandIn=1  then hold what the JIT did not reach as touched native memory (see holdNative)
//   codeCalls=N    calls per filler method (300: past C1's Tier3InvocationThreshold of 200)
//   threads=N      extra threads, each parked with stackKiB of its stack touched (0 = all of -Xss)
//   directMiB=D    direct buffers; MaxDirectMemorySize (or HotSpot's default) stops it earlier
//   heapFill=F     live data held, as a fraction of Runtime.maxMemory(); then garbage through the
//                  rest, so every page of the heap is resident, as under load (see churnHeap)
//   holdSeconds=H  how long to hold the steady state before exiting on its own
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;

public final class Stress {
  /** Kept reachable so nothing the program fills can be collected or freed. */
  static final List<Object> HELD = new ArrayList<>();
  public static final List<LongUnaryOperator> FILLERS = new ArrayList<>();
  static volatile long sink;
  /** A region hit the JVM's own cap (OutOfMemoryError: heap, metaspace or direct memory): the program stopped growing it there. */
  static String javaOom = "none";

  static void capped(String region) { javaOom = javaOom.equals("none") ? region : javaOom + "," + region; }

  /** Metaspace to reach in bytes (0: count classes instead). */
  static long metaspaceTarget;
  /** Fetched before metaspace fills: reflection may need a class of its own. */
  static final sun.misc.Unsafe UNSAFE = unsafe();

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String s : argv) { int i = s.indexOf('='); a.put(s.substring(0, i), s.substring(i + 1)); }
    long started = System.nanoTime();
    FillerLoader fillers = new FillerLoader(a.get("filler"));
    // Threads and direct buffers first: once metaspace is at its cap (MaxMetaspaceSize), nothing
    // that needs a new class (a lambda, a thread's first use) may run any more.
    int threads = startThreads((int) num(a, "threads", 0), (int) num(a, "stackKiB", 0));
    long direct = allocateDirect((long) num(a, "directMiB", 0));
    metaspaceTarget = (long) num(a, "metaspaceBytes", 0);
    double codeMiB = num(a, "codeMiB", 0);
    long codeUsed;
    int classes;
    if (metaspaceTarget > 0) {
      // Code first: compiling a method adds its profile (MethodData) to metaspace, so classes
      // loaded afterwards stop where metaspace really reaches the target.
      codeUsed = fillCodeCache(fillers, codeMiB, num(a, "codeSeconds", 20), (int) num(a, "codeCalls", 300));
      classes = loadClasses(fillers, Integer.MAX_VALUE);
    } else {
      // Classes before code: loading them compiles JDK code too, which the code target counts.
      classes = loadClasses(fillers, (int) num(a, "classes", 0));
      codeUsed = fillCodeCache(fillers, codeMiB, num(a, "codeSeconds", 20), (int) num(a, "codeCalls", 300));
    }
    long standIn = num(a, "codeStandIn", 0) > 0 ? holdNative((long) (codeMiB * 1024 * 1024) - codeCacheUsed()) : 0;
    classes = loadedClasses();
    long heap = fillHeap(num(a, "heapFill", 0));
    long churned = heap > 0 ? churnHeap(heap) : 0;
    System.out.println("STEADY classes=" + classes + " metaspaceBytes=" + metaspaceCommitted() + " codeUsedBytes=" + codeCacheUsed() + " codeAtFill=" + codeUsed
        + " codeStandInBytes=" + standIn + " threads=" + threads
        + " frameBytes=" + frameBytes + " directBytes=" + direct + " heapHeldBytes=" + heap + " heapChurnedBytes=" + churned + " heapMaxBytes=" + Runtime.getRuntime().maxMemory()
        + " javaOom=" + javaOom + " seconds=" + (System.nanoTime() - started) / 1_000_000_000.0);
    System.out.flush();
    Thread.sleep((long) (num(a, "holdSeconds", 600) * 1000));
  }

  static double num(Map<String, String> a, String key, double fallback) {
    String v = a.get(key);
    return v == null ? fallback : Double.parseDouble(v);
  }

  // ---- classes -------------------------------------------------------------------------------

  static int loadedClasses() { return ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(); }

  static MemoryPoolMXBean metaspacePool() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) if (pool.getName().equals("Metaspace")) return pool;
    throw new IllegalStateException("no Metaspace memory pool");
  }

  /** Class metadata and the compressed class space together, committed: NMT's "Metaspace". */
  static long metaspaceCommitted() { return metaspacePool().getUsage().getCommitted(); }

  /**
   * Whether class loading must stop: metaspace within a few MiB of MaxMetaspaceSize (so attaching
   * jcmd still works), or at the metaspace target.
   */
  static boolean metaspaceNearCap() {
    long committed = metaspaceCommitted();
    if (metaspaceTarget > 0 && committed >= metaspaceTarget) return true;
    long max = metaspacePool().getUsage().getMax();
    return max > 0 && committed >= max - 6L * 1024 * 1024;
  }

  /** JDK classes first: their sizes are those of real code, unlike any generated class. */
  static int loadClasses(FillerLoader fillers, int target) throws Exception {
    if (loadedClasses() < target) {
      FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
      ClassLoader loader = ClassLoader.getSystemClassLoader();
      try (Stream<Path> paths = Files.walk(jrt.getPath("/modules"))) {
        Iterator<Path> it = paths.iterator();
        while (it.hasNext() && loadedClasses() < target && !metaspaceNearCap()) {
          String p = it.next().toString();
          if (!p.endsWith(".class") || p.endsWith("module-info.class") || p.endsWith("package-info.class")) continue;
          String name = p.substring(p.indexOf('/', "/modules/".length()) + 1, p.length() - ".class".length()).replace('/', '.');
          try { Class.forName(name, false, loader); }
          catch (OutOfMemoryError metaspaceFull) { capped("metaspace"); return loadedClasses(); } // MaxMetaspaceSize reached: what the cap is for
          catch (Throwable notInBootLayer) { /* modules the class path cannot see */ }
        }
      }
    }
    try {
      while (loadedClasses() < target && !metaspaceNearCap()) fillers.next();
    } catch (OutOfMemoryError metaspaceFull) { capped("metaspace"); }
    return loadedClasses();
  }

  // ---- code cache ----------------------------------------------------------------------------

  static long codeCacheUsed() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().startsWith("CodeHeap") || pool.getName().equals("CodeCache")) used += pool.getUsage().getUsed();
    }
    return used;
  }

  /**
   * Calls filler methods never called before until the JIT has put codeMiB in the code cache, or
   * time is up: first those class loading defined, then new ones while metaspace has room.
   */
  static long fillCodeCache(FillerLoader fillers, double codeMiB, double seconds, int calls) throws Exception {
    long target = (long) (codeMiB * 1024 * 1024);
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    int called = 0;
    while (codeCacheUsed() < target && System.nanoTime() < deadline) {
      LongUnaryOperator op;
      if (called < FILLERS.size()) op = FILLERS.get(called++);
      else if (metaspaceNearCap()) break;
      else {
        try { op = fillers.next(); called++; } catch (OutOfMemoryError metaspaceFull) { capped("metaspace"); break; }
      }
      long x = 1;
      // Past Tier3InvocationThreshold (200): C1 compiles it with profiling, the bulk of a service's code cache.
      for (int i = 0; i < calls; i++) x = op.applyAsLong(x);
      sink += x;
    }
    return codeCacheUsed();
  }

  /**
   * The part of the code cache the JIT could not fill in the time a run has (it compiles a few
   * MiB a second here; a service fills its reservation over hours), held as native memory and
   * touched: the same anonymous pages the kernel would charge the cgroup for compiled code.
   * NMT counts it under "Other", which the harness moves back to the code cache.
   */
  static long holdNative(long bytes) {
    long held = 0;
    while (held < bytes) {
      long n = Math.min(1L << 20, bytes - held);
      long address = UNSAFE.allocateMemory(n);
      UNSAFE.setMemory(address, n, (byte) 1);
      held += n;
    }
    return held;
  }

  static sun.misc.Unsafe unsafe() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }
  }

  // ---- threads -------------------------------------------------------------------------------

  static int frameBytes;
  static final CountDownLatch NEVER = new CountDownLatch(1);

  /** Bytes of stack one frame of {@link #dive} takes: a 1 MiB stack divided by the depth that overflows it. */
  static int measureFrame() throws InterruptedException {
    int[] depth = new int[1];
    Thread t = new Thread(null, new Probe(depth), "frame-probe", 1 << 20);
    t.start();
    t.join();
    return Math.max(16, (1 << 20) / Math.max(1, depth[0]));
  }

  /** Recurses to `depth` frames (touching their stack pages) and parks there for good. */
  static void dive(int level, int depth, int[] reached) {
    long a = level, b = a * 3, c = b ^ 5, d = c + 7, e = d * 11, f = e - 13, g = f | 17, h = g & 19;
    reached[0] = level;
    if (level < depth) {
      dive(level + 1, depth, reached);
    } else {
      try { NEVER.await(); } catch (InterruptedException stop) { Thread.currentThread().interrupt(); }
    }
    sink += a + b + c + d + e + f + g + h;
  }

  static int startThreads(int count, int stackKiB) throws InterruptedException {
    if (count == 0) return 0;
    frameBytes = measureFrame();
    // 0 = as deep as -Xss allows: dive until the stack overflows, then park one frame up.
    int depth = stackKiB == 0 ? Integer.MAX_VALUE : Math.max(1, stackKiB * 1024 / frameBytes);
    CountDownLatch ready = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      Thread t = new Thread(new Diver(depth, ready), "stress-" + i);
      t.setDaemon(true);
      t.start();
    }
    ready.await();
    Thread.sleep(200); // the dives take a few ms; the count above only says every thread started
    return count;
  }

  /** Overflows a 1 MiB stack, counting frames. */
  static final class Probe implements Runnable {
    final int[] depth;
    Probe(int[] depth) { this.depth = depth; }
    public void run() { try { dive(0, Integer.MAX_VALUE, depth); } catch (StackOverflowError expected) { /* the count is the result */ } }
  }

  /** Dives `depth` frames and parks there; on a stack overflow (depth = all of -Xss) parks one frame up. */
  static final class Diver implements Runnable {
    final int depth;
    final CountDownLatch ready;
    Diver(int depth, CountDownLatch ready) { this.depth = depth; this.ready = ready; }
    public void run() {
      ready.countDown();
      try { dive(0, depth, new int[1]); } catch (StackOverflowError full) {
        try { NEVER.await(); } catch (InterruptedException stop) { Thread.currentThread().interrupt(); }
      }
    }
  }

  // ---- direct buffers and heap ---------------------------------------------------------------


  static long allocateDirect(long mib) {
    long total = 0;
    try {
      for (long i = 0; i < mib; i++) { HELD.add(ByteBuffer.allocateDirect(1 << 20)); total += 1 << 20; }
    } catch (OutOfMemoryError full) { capped("direct"); } // MaxDirectMemorySize reached: what the cap is for
    return total;
  }

  /**
   * Holds live data up to `fraction` of the maximum heap, in chunks of 32 KiB less the array
   * header: a whole number of them fits a G1 region (1–32 MiB), so G1 can really hold the
   * fraction (256 KiB chunks left a quarter of every 1 MiB region empty).
   */
  static long fillHeap(double fraction) {
    final int size = 32 * 1024 - 16;
    long target = (long) (Runtime.getRuntime().maxMemory() * fraction);
    long held = 0;
    List<byte[]> chunks = new ArrayList<>((int) (target / size) + 16);
    HELD.add(chunks);
    try {
      while (held < target) {
        byte[] chunk = new byte[size];
        for (int i = 0; i < chunk.length; i += 4096) chunk[i] = 1;
        chunks.add(chunk);
        held += chunk.length;
      }
    } catch (OutOfMemoryError full) {
      // The heap is full before the fraction: give back 1 % so the program can still print and hold.
      int drop = Math.max(64, chunks.size() / 100);
      for (int i = 0; i < drop && !chunks.isEmpty(); i++) { chunks.remove(chunks.size() - 1); held -= size; }
      capped("heap");
    }
    return held;
  }

  /**
   * Garbage through the heap's free part, twice its size, kept nowhere: the collector hands each
   * free region (G1) or the young generation (Serial) to allocation, so their pages are touched, as
   * a service's are when the heap has grown to its maximum under load (the budget counts the whole
   * maximum heap). Live data alone would leave the last few percent never touched.
   */
  static long churnHeap(long held) {
    final int size = 32 * 1024 - 16;
    long target = 2 * Math.max(0, Runtime.getRuntime().maxMemory() - held);
    long allocated = 0;
    try {
      while (allocated < target) {
        byte[] chunk = new byte[size];
        for (int i = 0; i < chunk.length; i += 4096) chunk[i] = 1;
        sink += chunk[0];
        allocated += size;
      }
    } catch (OutOfMemoryError full) { /* GC overhead: the heap is as full as it gets */ }
    return allocated;
  }

  // ---- generated classes ---------------------------------------------------------------------

  /** Defines copies of one compiled filler class, each under a new name of the same length. */
  static final class FillerLoader extends ClassLoader {
    static final String TEMPLATE = "OomFiller0000000";
    final byte[] template;
    int next = 1;

    FillerLoader(String path) throws Exception {
      super(Stress.class.getClassLoader());
      template = path == null ? null : Files.readAllBytes(Path.of(path));
    }

    LongUnaryOperator next() throws Exception {
      if (template == null) throw new IllegalStateException("no filler class given (filler=path)");
      String name = String.format("OomFiller%07d", next++);
      byte[] bytes = template.clone();
      byte[] from = TEMPLATE.getBytes("UTF-8"), to = name.getBytes("UTF-8");
      for (int i = 0; i + from.length <= bytes.length; i++) {
        boolean match = true;
        for (int j = 0; j < from.length && match; j++) match = bytes[i + j] == from[j];
        if (match) System.arraycopy(to, 0, bytes, i, to.length);
      }
      // Its static initializer adds an instance to FILLERS (reflection would add an accessor class per filler).
      Class.forName(defineClass(name, bytes, 0, bytes.length).getName(), true, this);
      return FILLERS.get(FILLERS.size() - 1);
    }
  }
}
