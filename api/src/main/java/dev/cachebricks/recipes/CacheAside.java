package dev.cachebricks.recipes;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.Ttl;
import dev.cachebricks.cbor.CborCodec;
import dev.cachebricks.cbor.CborException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Typed cache-aside loading on any {@link Cache}: read the key, and on a miss call the loader
 * once, store its result with the configured TTL, and return it.
 *
 * <pre>{@code
 * CacheAside<User> users = CacheAside.builder(cache, Cbor.codec(User.class))
 *     .ttl(Duration.ofMinutes(5))
 *     .stampedeLock(Duration.ofSeconds(10), Duration.ofSeconds(2)) // optional, across processes
 *     .build();
 * User user = users.get("user:" + id, key -> repository.load(id));
 * }</pre>
 *
 * <ul>
 *   <li><b>Request collapsing:</b> concurrent misses of one key in this process make exactly one
 *       loader call; the others wait for its result (or its failure).
 *   <li><b>Stampede protection across processes</b> (optional): the loading process holds a
 *       {@link CacheLock} on the key; others poll the cache for the value for up to the
 *       configured wait, then load themselves rather than fail.
 *   <li><b>Failures are not cached:</b> a loader exception reaches every waiting caller and the
 *       next call tries again. A loader must not return null ({@link NullPointerException}).
 *   <li><b>Undecodable entries</b> (a {@link CborException}, e.g. after a class changed shape)
 *       are treated as misses, counted in {@code decode_errors}, and overwritten by the load.
 *   <li><b>Cache failures degrade, not break:</b> if the cache cannot be read or written, or
 *       rejects the loaded value (over its value size limit), the value is loaded (or returned)
 *       anyway and {@code cache_errors} is counted. Keys too long for the lock prefix get a
 *       hashed lock key.
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @param <T> the value type
 */
public final class CacheAside<T> {

  private static final String LOCK_PREFIX = "cachebricks:load-lock:";
  /** Longest key whose lock key is written out in full (well under any sensible key limit). */
  private static final int MAX_PLAIN_LOCK_KEY = 256;

  private final Cache cache;
  private final CborCodec<T> codec;
  private final Duration ttl;
  private final Duration lockTtl;
  private final Duration lockWait;
  private final ConcurrentHashMap<String, CompletableFuture<T>> inflight =
      new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder collapsed = new LongAdder();
  private final LongAdder decodeErrors = new LongAdder();
  private final LongAdder cacheErrors = new LongAdder();

  private CacheAside(Builder<T> b) {
    this.cache = b.cache;
    this.codec = b.codec;
    this.ttl = b.ttl;
    this.lockTtl = b.lockTtl;
    this.lockWait = b.lockWait;
  }

  /**
   * Returns a builder.
   *
   * @param cache the cache to read and fill
   * @param codec encodes and decodes values
   * @param <T> the value type
   * @return a new builder (TTL 5 minutes, no stampede lock)
   */
  public static <T> Builder<T> builder(Cache cache, CborCodec<T> codec) {
    return new Builder<>(Objects.requireNonNull(cache, "cache must not be null"),
        Objects.requireNonNull(codec, "codec must not be null"));
  }

  /**
   * Returns the cached value of {@code key}, loading and storing it on a miss.
   *
   * @param key the cache key
   * @param loader computes the value from the key; called at most once per miss in this process
   * @return the cached or loaded value
   * @throws NullPointerException if an argument is null or the loader returned null
   * @throws RuntimeException whatever the loader threw (not cached)
   * @throws CacheOperationException if interrupted while waiting for another caller's load
   */
  public T get(String key, Function<? super String, ? extends T> loader) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(loader, "loader must not be null");
    Optional<T> cached = read(key);
    if (cached.isPresent()) {
      hits.increment();
      return cached.get();
    }
    misses.increment();
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> running = inflight.putIfAbsent(key, mine);
    if (running != null) {
      collapsed.increment();
      return await(key, running);
    }
    try {
      T value = loadOnce(key, loader);
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inflight.remove(key, mine);
    }
  }

  /**
   * Removes {@code key} from the cache, so the next {@link #get} loads it again.
   *
   * @param key the cache key
   */
  public void invalidate(String key) {
    cache.delete(key);
  }

  /**
   * Returns counters: {@code hits}, {@code misses}, {@code loads}, {@code load_failures},
   * {@code collapsed} (callers that waited for another's load), {@code decode_errors},
   * {@code cache_errors}.
   *
   * @return an immutable snapshot
   */
  public Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("hits", hits.sum());
    stats.put("misses", misses.sum());
    stats.put("loads", loads.sum());
    stats.put("load_failures", loadFailures.sum());
    stats.put("collapsed", collapsed.sum());
    stats.put("decode_errors", decodeErrors.sum());
    stats.put("cache_errors", cacheErrors.sum());
    return Collections.unmodifiableMap(stats);
  }

  private T loadOnce(String key, Function<? super String, ? extends T> loader) {
    // A load that finished between our miss and taking the in-flight slot already stored it.
    Optional<T> cached = read(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    if (lockTtl == null) {
      return loadAndStore(key, loader);
    }
    Optional<CacheLock> lock;
    try {
      lock = CacheLock.tryAcquire(cache, lockKey(key), lockTtl);
    } catch (CacheException | IllegalArgumentException e) {
      cacheErrors.increment(); // the lock cannot be taken: load without it
      return loadAndStore(key, loader);
    }
    if (lock.isPresent()) {
      try {
        return read(key).orElseGet(() -> loadAndStore(key, loader));
      } finally {
        try {
          lock.get().release();
        } catch (CacheException e) {
          cacheErrors.increment(); // the release failed; the lease will expire
        }
      }
    }
    return waitForOtherProcess(key).orElseGet(() -> loadAndStore(key, loader));
  }

  /** Polls the cache while another process holds the load lock, up to the configured wait. */
  private Optional<T> waitForOtherProcess(String key) {
    long deadline = System.nanoTime() + lockWait.toNanos();
    long pause = TimeUnit.MILLISECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try {
        TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(pause / 2, pause + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CacheOperationException("load", key, e);
      }
      Optional<T> cached = read(key);
      if (cached.isPresent()) {
        return cached;
      }
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(200));
    }
    return Optional.empty();
  }

  private T loadAndStore(String key, Function<? super String, ? extends T> loader) {
    T value;
    try {
      value = Objects.requireNonNull(loader.apply(key), () ->
          "loader returned null for key " + key);
    } catch (RuntimeException | Error e) {
      loadFailures.increment();
      throw e;
    }
    loads.increment();
    try {
      cache.set(key, codec.encode(value), ttl);
    } catch (CacheException | IllegalArgumentException e) {
      // Unreachable cache, or a value over the cache's size limit: the caller still gets it.
      cacheErrors.increment();
    }
    return value;
  }

  /**
   * The key of the load lock: the prefix and the key, or the prefix and the key's SHA-256 when
   * that would be long, so a key at the cache's length limit still gets a valid lock key.
   */
  static String lockKey(String key) {
    if (key.length() <= MAX_PLAIN_LOCK_KEY) {
      return LOCK_PREFIX + key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      return LOCK_PREFIX + "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private Optional<T> read(String key) {
    Optional<byte[]> bytes;
    try {
      bytes = cache.get(key);
    } catch (CacheException e) {
      cacheErrors.increment();
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(bytes.get()));
    } catch (CborException e) {
      decodeErrors.increment();
      return Optional.empty();
    }
  }

  private static <T> T await(String key, CompletableFuture<T> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheOperationException("load", key, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new CacheOperationException("load", key, cause);
    }
  }

  /**
   * Builds a {@link CacheAside}. Not thread-safe.
   *
   * @param <T> the value type
   */
  public static final class Builder<T> {
    private final Cache cache;
    private final CborCodec<T> codec;
    private Duration ttl = Duration.ofMinutes(5);
    private Duration lockTtl;
    private Duration lockWait;

    private Builder(Cache cache, CborCodec<T> codec) {
      this.cache = cache;
      this.codec = codec;
    }

    /**
     * Sets the TTL of loaded values (default 5 minutes; {@link Duration#ZERO} = no expiry).
     *
     * @param ttl the TTL
     * @return this builder
     */
    public Builder<T> ttl(Duration ttl) {
      Ttl.toMillis(ttl);
      this.ttl = ttl;
      return this;
    }

    /**
     * Enables stampede protection across processes: the loader runs under a {@link CacheLock}
     * with lease {@code lockTtl}; other processes wait up to {@code maxWait} for its value, then
     * load themselves.
     *
     * @param lockTtl the lease of the load lock; longer than a typical load
     * @param maxWait how long other processes wait for the value
     * @return this builder
     */
    public Builder<T> stampedeLock(Duration lockTtl, Duration maxWait) {
      if (Ttl.toMillis(lockTtl) == Ttl.NO_EXPIRY) {
        throw new CacheConfigException("lockTtl", "must be positive, was " + lockTtl);
      }
      Objects.requireNonNull(maxWait, "maxWait must not be null");
      if (maxWait.isNegative()) {
        throw new CacheConfigException("maxWait", "must not be negative, was " + maxWait);
      }
      this.lockTtl = lockTtl;
      this.lockWait = maxWait;
      return this;
    }

    /**
     * Builds the helper.
     *
     * @return a new helper
     */
    public CacheAside<T> build() {
      return new CacheAside<>(this);
    }
  }
}
