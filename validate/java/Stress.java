// A JVM whose memory footprint is set by its arguments, so the validation harness can run the
// profile a budget assumes (validate/run.mjs). Each region is filled in turn, then the program
// prints one STEADY line (what it reached, as key=value) and holds until it is killed.
//
//   classes=N      loaded classes: JDK classes from the runtime image (realistic sizes), then
//                  clones of a generated filler class when the image runs out
//   codeMiB=M      code cache in use: filler methods called until the JIT has compiled M MiB
//   codeSeconds=S  time allowed for that (the code cache grows only as fast as the JIT compiles)
//   codeCalls=N    calls per filler method (300: past C1's Tier3InvocationThreshold of 200)
//   threads=N      extra threads, each parked with stackKiB of its stack touched (0 = all of -Xss)
//   directMiB=D    direct buffers; MaxDirectMemorySize (or HotSpot's default) stops it earlier
//   heapFill=F     live data held, as a fraction of Runtime.maxMemory()
//   holdSeconds=H  how long to hold the steady state before exiting on its own
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
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

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String s : argv) { int i = s.indexOf('='); a.put(s.substring(0, i), s.substring(i + 1)); }
    long started = System.nanoTime();
    FillerLoader fillers = new FillerLoader(a.get("filler"));
    // Threads and direct buffers first: once metaspace is at its cap (MaxMetaspaceSize), nothing
    // that needs a new class (a lambda, a thread's first use) may run any more.
    int threads = startThreads((int) num(a, "threads", 0), (int) num(a, "stackKiB", 0));
    long direct = allocateDirect((long) num(a, "directMiB", 0));
    // Classes before code: loading them compiles JDK code too, which the code target counts.
    int classes = loadClasses(fillers, (int) num(a, "classes", 0));
    long codeUsed = fillCodeCache(fillers, num(a, "codeMiB", 0), num(a, "codeSeconds", 20), (int) num(a, "codeCalls", 300));
    classes = loadedClasses();
    long heap = fillHeap(num(a, "heapFill", 0));
    System.out.println("STEADY classes=" + classes + " codeUsedBytes=" + codeCacheUsed() + " codeAtFill=" + codeUsed + " threads=" + threads
        + " frameBytes=" + frameBytes + " directBytes=" + direct + " heapHeldBytes=" + heap + " heapMaxBytes=" + Runtime.getRuntime().maxMemory()
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

  /** Whether metaspace is within a few MiB of MaxMetaspaceSize: loading stops there, so attaching jcmd still works. */
  static boolean metaspaceNearCap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals("Metaspace") && pool.getUsage().getMax() > 0) {
        return pool.getUsage().getCommitted() >= pool.getUsage().getMax() - 6L * 1024 * 1024;
      }
    }
    return false;
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

  /** Calls fresh filler methods until the JIT has put codeMiB in the code cache, or time is up. */
  static long fillCodeCache(FillerLoader fillers, double codeMiB, double seconds, int calls) throws Exception {
    long target = (long) (codeMiB * 1024 * 1024);
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (codeCacheUsed() < target && System.nanoTime() < deadline && !metaspaceNearCap()) {
      LongUnaryOperator op;
      try { op = fillers.next(); } catch (OutOfMemoryError metaspaceFull) { capped("metaspace"); break; }
      long x = 1;
      // Past Tier3InvocationThreshold (200): C1 compiles it with profiling, the bulk of a service's code cache.
      for (int i = 0; i < calls; i++) x = op.applyAsLong(x);
      sink += x;
    }
    return codeCacheUsed();
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
