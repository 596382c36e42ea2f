package dev.cachebricks.spring.boot;

import com.hazelcast.cache.CacheStatistics;
import com.hazelcast.cache.ICache;
import dev.cachebricks.hazelcast.jcache.CachebricksCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.function.ToLongFunction;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.core.Ordered;

/**
 * Binds Spring Boot's cache meters ({@code cache.gets{result=hit|miss}}, {@code cache.puts},
 * {@code cache.evictions}, {@code cache.removals}, {@code cache.size}) of a {@code @Cacheable}
 * cache on the cachebricks JSR-107 provider to Hazelcast's own statistics
 * ({@link ICache#getLocalCacheStatistics()}).
 *
 * <p>Boot's JCache binder reads the JSR-107 statistics MBeans, which Hazelcast registers only for
 * caches created with statistics on, on members, and never on clients; without them it reports
 * zeros. This binder turns statistics on for the cache (JSR-107's
 * {@code CacheManager.enableStatistics}) and reads them from Hazelcast. On a member they count
 * the operations on the partitions the member owns; on a client, the client's own operations, and
 * a client has no evictions or size, so those meters are absent in client mode. Ordered first, so
 * Boot's JCache binder never sees these caches; other caches are left to it.
 */
final class CachebricksCacheMeterBinderProvider
    implements CacheMeterBinderProvider<JCacheCache>, Ordered {

  @Override
  public MeterBinder getMeterBinder(JCacheCache cache, Iterable<Tag> tags) {
    javax.cache.Cache<Object, Object> jcache = cache.getNativeCache();
    if (!(jcache instanceof CachebricksCache)) {
      return null;
    }
    jcache.getCacheManager().enableStatistics(jcache.getName(), true);
    @SuppressWarnings("unchecked")
    ICache<Object, Object> icache = jcache.unwrap(ICache.class);
    return new StatisticsBinder(icache, jcache.getName(), tags);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  /** Boot's cache meters read from one cache's Hazelcast statistics. */
  private static final class StatisticsBinder extends CacheMeterBinder<ICache<Object, Object>> {

    StatisticsBinder(ICache<Object, Object> cache, String name, Iterable<Tag> tags) {
      super(cache, name, tags); // held weakly, as every Micrometer cache binder holds its cache
    }

    /**
     * The statistic, or null where Hazelcast does not keep it (clients: size, evictions) or the
     * cache is gone.
     */
    private Long stat(ToLongFunction<CacheStatistics> statistic) {
      ICache<Object, Object> cache = getCache();
      if (cache == null) {
        return null;
      }
      try {
        return statistic.applyAsLong(cache.getLocalCacheStatistics());
      } catch (UnsupportedOperationException unsupported) {
        return null;
      }
    }

    private long count(ToLongFunction<CacheStatistics> statistic) {
      Long value = stat(statistic);
      return value == null ? 0 : value;
    }

    @Override
    protected Long size() {
      return stat(CacheStatistics::getOwnedEntryCount);
    }

    @Override
    protected long hitCount() {
      return count(CacheStatistics::getCacheHits);
    }

    @Override
    protected Long missCount() {
      return stat(CacheStatistics::getCacheMisses);
    }

    @Override
    protected Long evictionCount() {
      return stat(CacheStatistics::getCacheEvictions);
    }

    @Override
    protected long putCount() {
      return count(CacheStatistics::getCachePuts);
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
      FunctionCounter.builder("cache.removals", getCache(),
              c -> count(CacheStatistics::getCacheRemovals))
          .tags(getTagsWithCacheName()).description("Cache removals").register(registry);
    }
  }
}
