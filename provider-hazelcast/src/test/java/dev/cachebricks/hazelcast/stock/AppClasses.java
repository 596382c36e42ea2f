package dev.cachebricks.hazelcast.stock;

import java.io.Serializable;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.cache.Cache;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * Application-defined JSR-107 classes, as an application would write them: they live only in this
 * module's test classes, so a stock member has them only if a test puts that directory on its
 * classpath.
 */
public final class AppClasses {

  private AppClasses() {}

  /** Events received by {@link RecordingListener}s, by listener id (listeners run in this JVM). */
  public static final Map<String, Queue<String>> EVENTS = new ConcurrentHashMap<>();

  /** Adds a number to an integer entry (1 when absent) and returns the new value. */
  public static final class Increment
      implements EntryProcessor<String, Integer, Integer>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer process(MutableEntry<String, Integer> entry, Object... arguments) {
      int next = entry.exists() ? entry.getValue() + (Integer) arguments[0] : 1;
      entry.setValue(next);
      return next;
    }
  }

  /**
   * The shape of Spring's {@code JCacheCache} with its {@code ValueLoaderEntryProcessor}, which
   * {@code @Cacheable(sync = true)} runs through {@code JCacheCache.get(key, valueLoader)}: a
   * private inner (non-static, not Serializable) processor, and the value loader, the cached
   * method's invocation, passed as the argument.
   */
  public static final class SpringLikeCache {
    private final Cache<Object, Object> cache;

    public SpringLikeCache(Cache<Object, Object> cache) {
      this.cache = cache;
    }

    /** Spring's {@code JCacheCache.get(Object, Callable)}. */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, java.util.concurrent.Callable<T> valueLoader) {
      return (T) cache.invoke(key, new ValueLoaderEntryProcessor(), valueLoader);
    }

    private class ValueLoaderEntryProcessor implements EntryProcessor<Object, Object, Object> {
      @Override
      public Object process(MutableEntry<Object, Object> entry, Object... arguments) {
        if (entry.exists()) {
          return entry.getValue();
        }
        try {
          Object value = ((java.util.concurrent.Callable<?>) arguments[0]).call();
          entry.setValue(value);
          return value;
        } catch (Exception e) {
          throw new javax.cache.processor.EntryProcessorException(e);
        }
      }
    }
  }

  /** Records created and updated events as {@code created:key=value}. */
  public static final class RecordingListener implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String id;

    public RecordingListener(String id) {
      this.id = id;
      EVENTS.put(id, new ConcurrentLinkedQueue<>());
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> EVENTS.get(id).add("created:" + e.getKey() + "=" + e.getValue()));
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> EVENTS.get(id).add("updated:" + e.getKey() + "=" + e.getValue()));
    }
  }

  /** Passes events whose key starts with a prefix. */
  public static final class PrefixFilter
      implements CacheEntryEventFilter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String prefix;

    public PrefixFilter(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
      return event.getKey().startsWith(prefix);
    }
  }

  /** A read-through loader: the value of a key is {@code loaded:<key>}. */
  public static final class Loader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      return "loaded:" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> all = new java.util.HashMap<>();
      keys.forEach(k -> all.put(k, load(k)));
      return all;
    }
  }

  /** A write-through writer that accepts everything. */
  public static final class Writer implements CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {}

    @Override
    public void writeAll(java.util.Collection<Cache.Entry<? extends String,
        ? extends String>> entries) {
      entries.clear();
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(java.util.Collection<?> keys) {
      keys.clear();
    }
  }

  /** An application-defined expiry policy: one hour from creation. */
  public static final class HourExpiry implements ExpiryPolicy, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Duration getExpiryForCreation() {
      return Duration.ONE_HOUR;
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }
}
