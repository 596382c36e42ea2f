package dev.cachebricks.hazelcast.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads a backend owns for asynchronous results: the executor that completes every future
 * handed to a caller (so callers' callbacks never run on Hazelcast's threads, nor on the JVM-wide
 * common pool, which any other library can saturate), and the timer that bounds each of them by
 * the operation timeout.
 *
 * <p>The own pool starts {@value #CORE_THREADS} named daemon thread ({@code
 * cachebricks-async-<n>-<i>}) and adds threads only when its queue has made no progress for
 * {@value #STARVATION_CHECK_MILLIS} ms, that is when every thread is blocked in a callback (a
 * callback that waits for another result of the same cache, a latch, a JDBC call): the result
 * it waits for then still gets a thread. The growth doubles per stuck check, up to
 * {@value #MAX_THREADS} threads; threads beyond the core ones retire after
 * {@value #KEEP_ALIVE_SECONDS} s idle. At the maximum, a queue that still makes no progress
 * runs its results on threads of their own (each exits after its task), so that results and
 * timeouts a blocked callback waits for always get through; nothing is ever rejected.
 *
 * <p>A user-supplied executor is used as it is and never shut down; a task it rejects runs on a
 * new thread of its own, as does a task that arrives after {@link #close()}.
 *
 * <p>Thread-safe. Internal: not part of the public API.
 */
public final class Delivery implements Executor, AutoCloseable {

  /** Threads started with the pool and kept while it runs. */
  static final int CORE_THREADS = 1;
  /**
   * Polls an idle worker makes before it parks: under load the next result usually arrives
   * within them, and a park and unpark per result cost more than the spin (measured with
   * {@code AsyncInterleaved}: one spinning core thread keeps the adapter at the common pool's
   * throughput, two parking ones lost 10-15%).
   */
  static final int SPINS = 100;
  /** The most threads the own pool starts. */
  public static final int MAX_THREADS = 256;
  static final long KEEP_ALIVE_SECONDS = 30;
  static final long STARVATION_CHECK_MILLIS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final AtomicInteger POOLS = new AtomicInteger();
  /** Tells a worker to exit; one is queued per worker at close. */
  private static final Runnable STOP = () -> { };

  private final int id = POOLS.incrementAndGet();
  private final Executor userExecutor; // null: the own pool below
  private final LinkedTransferQueue<Runnable> queue = new LinkedTransferQueue<>();
  private final AtomicInteger threads = new AtomicInteger();
  private final AtomicInteger threadNumbers = new AtomicInteger();
  private final LongAdder taken = new LongAdder();
  private final AtomicBoolean checkScheduled = new AtomicBoolean();
  private final ScheduledThreadPoolExecutor timer;
  /** Runs blocking work (opening caches): a thread per concurrent task, reused while warm. */
  private final ThreadPoolExecutor blocking;
  private int stuckChecks; // only read and written by the timer thread
  private volatile boolean closed;

  private Delivery(Executor userExecutor) {
    this.userExecutor = userExecutor;
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("cachebricks-timer-" + id));
    timer.setRemoveOnCancelPolicy(true); // a completed call's timeout must not linger
    this.blocking = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("cachebricks-open-" + id));
    if (userExecutor == null) {
      for (int i = 0; i < CORE_THREADS; i++) {
        startWorker();
      }
    }
  }

  /**
   * Starts the backend's own delivery threads and timer.
   *
   * @return the running delivery
   */
  public static Delivery ownThreads() {
    return new Delivery(null);
  }

  /**
   * Delivers through an executor the user supplied (never shut down here); the timer is ours.
   *
   * @param executor the user's executor
   * @return the running delivery
   */
  public static Delivery through(Executor executor) {
    return new Delivery(Objects.requireNonNull(executor, "executor must not be null"));
  }

  /**
   * Runs a task on a delivery thread; never rejects, never runs it on the calling thread.
   *
   * @param task the task
   */
  @Override
  public void execute(Runnable task) {
    if (userExecutor != null) {
      try {
        userExecutor.execute(task);
      } catch (RejectedExecutionException e) {
        runOnNewThread(task);
      }
      return;
    }
    if (closed) {
      runOnNewThread(task);
      return;
    }
    if (queue.tryTransfer(task)) {
      return; // an idle worker took it
    }
    queue.offer(task);
    if (closed) {
      drainToNewThreads(); // close() raced us: the workers may be gone
    } else {
      scheduleStarvationCheck();
    }
  }

  /**
   * Runs {@code task} once {@code delayNanos} have passed, on the timer thread: keep it short
   * (hand real work to {@link #execute}).
   *
   * @param task the task
   * @param delayNanos the delay
   * @return the scheduled task, to cancel; null if the timer has stopped
   */
  public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    try {
      return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null; // closed: nothing new is started after close
    }
  }

  /**
   * Runs blocking work (that may wait for the cluster as long as Hazelcast lets it) on a thread
   * of its own, never on a delivery thread; after {@link #close()}, on a new thread.
   *
   * @param task the task
   */
  public void runBlocking(Runnable task) {
    try {
      blocking.execute(task);
    } catch (RejectedExecutionException e) {
      runOnNewThread(task);
    }
  }

  /**
   * Tells how many threads the own pool runs now (0 with a user executor).
   *
   * @return the thread count
   */
  public int threads() {
    return threads.get();
  }

  /**
   * Stops the own threads once the results already queued are delivered; the timer stops once
   * the timeouts already scheduled have run, so that calls still in flight stay bounded.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdown();
    blocking.shutdown();
    for (int i = threads.get(); i > 0; i--) {
      queue.offer(STOP);
    }
  }

  @Override
  public String toString() {
    return "Delivery[" + (userExecutor != null ? "user executor " + userExecutor
        : threads.get() + " threads") + (closed ? ", closed]" : "]");
  }

  // ---- the own pool ----------------------------------------------------------------------

  private void scheduleStarvationCheck() {
    if (checkScheduled.compareAndSet(false, true)) {
      long takenBefore = taken.sum();
      if (schedule(() -> checkStarvation(takenBefore),
          TimeUnit.MILLISECONDS.toNanos(STARVATION_CHECK_MILLIS)) == null) {
        checkScheduled.set(false);
      }
    }
  }

  /**
   * Adds threads when no worker took a task since the check was scheduled while tasks wait:
   * every worker is blocked. Runs on the timer thread.
   */
  private void checkStarvation(long takenBefore) {
    checkScheduled.set(false);
    if (closed || queue.isEmpty()) {
      stuckChecks = 0;
      return;
    }
    if (taken.sum() != takenBefore) {
      stuckChecks = 0;
    } else {
      int add = Math.min(1 << Math.min(stuckChecks++, 10), MAX_THREADS - threads.get());
      if (add > 0) {
        LOG.debug("every delivery thread is blocked; starting {} more (of {} at most)", add,
            MAX_THREADS);
        for (int i = 0; i < add; i++) {
          startWorker();
        }
      } else {
        // All MAX_THREADS blocked, most likely each waiting for a result queued behind it:
        // only a thread of its own per queued result (what the JDK does for a common pool of
        // parallelism 1) lets them, and their timeouts, through.
        LOG.warn("all {} delivery threads are blocked in callbacks; running queued results on "
            + "threads of their own", MAX_THREADS);
        drainToNewThreads();
      }
    }
    scheduleStarvationCheck();
  }

  private void startWorker() {
    threads.incrementAndGet();
    Thread worker = new Thread(this::work,
        "cachebricks-async-" + id + "-" + threadNumbers.incrementAndGet());
    worker.setDaemon(true);
    worker.start();
  }

  private void work() {
    while (true) {
      Runnable task;
      try {
        task = queue.poll();
        for (int spin = 0; task == null && spin < SPINS; spin++) {
          Thread.onSpinWait();
          task = queue.poll();
        }
        if (task == null) {
          task = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        continue; // only close() stops a worker
      }
      if (task == STOP || (task == null && closed)) {
        if (threads.decrementAndGet() == 0) {
          drainToNewThreads(); // the last worker out leaves nothing queued behind
        }
        return;
      }
      if (task == null) {
        if (retireIdle()) {
          return;
        }
        continue;
      }
      taken.increment();
      try {
        task.run();
      } catch (Throwable t) {
        LOG.warn("a delivery task failed", t);
      }
      Thread.interrupted(); // a callback's interrupt must not reach the next task
    }
  }

  /** Lets an idle worker beyond the core ones exit. */
  private boolean retireIdle() {
    while (true) {
      int now = threads.get();
      if (now <= CORE_THREADS) {
        return false;
      }
      if (threads.compareAndSet(now, now - 1)) {
        return true;
      }
    }
  }

  private void drainToNewThreads() {
    for (Runnable task; (task = queue.poll()) != null; ) {
      if (task != STOP) {
        runOnNewThread(task);
      }
    }
  }

  private void runOnNewThread(Runnable task) {
    Thread thread = new Thread(task, "cachebricks-async-" + id + "-late");
    thread.setDaemon(true);
    thread.start();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger numbers = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + numbers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
