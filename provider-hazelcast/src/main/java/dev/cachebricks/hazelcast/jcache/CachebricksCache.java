package dev.cachebricks.hazelcast.jcache;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JSR-107 {@link Cache} of {@link CachebricksCacheManager}: every operation is Hazelcast's;
 * only {@link #getCacheManager()} and {@link #unwrap(Class)} are the cachebricks family's.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CachebricksCache<K, V> implements Cache<K, V> {

  private final CachebricksCacheManager manager;
  private final Cache<K, V> delegate;

  CachebricksCache(CachebricksCacheManager manager, Cache<K, V> delegate) {
    this.manager = manager;
    this.delegate = delegate;
  }

  Cache<K, V> delegate() {
    return delegate;
  }

  @Override
  public V get(K key) {
    return delegate.get(key);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    return delegate.getAll(keys);
  }

  @Override
  public boolean containsKey(K key) {
    return delegate.containsKey(key);
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    delegate.loadAll(keys, replaceExistingValues, listener);
  }

  @Override
  public void put(K key, V value) {
    delegate.put(key, value);
  }

  @Override
  public V getAndPut(K key, V value) {
    return delegate.getAndPut(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    delegate.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    return delegate.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(K key) {
    return delegate.remove(key);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    return delegate.remove(key, oldValue);
  }

  @Override
  public V getAndRemove(K key) {
    return delegate.getAndRemove(key);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return delegate.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    return delegate.replace(key, value);
  }

  @Override
  public V getAndReplace(K key, V value) {
    return delegate.getAndReplace(key, value);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    delegate.removeAll(keys);
  }

  @Override
  public void removeAll() {
    delegate.removeAll();
  }

  @Override
  public void clear() {
    delegate.clear();
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    return delegate.getConfiguration(clazz);
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments)
      throws EntryProcessorException {
    return delegate.invoke(key, entryProcessor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    return delegate.invokeAll(keys, entryProcessor, arguments);
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    if (clazz.isInstance(delegate)) {
      return clazz.cast(delegate);
    }
    return delegate.unwrap(clazz);
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
    delegate.registerCacheEntryListener(configuration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
    delegate.deregisterCacheEntryListener(configuration);
  }

  @Override
  public Iterator<Entry<K, V>> iterator() {
    return delegate.iterator();
  }

  @Override
  public String toString() {
    return "CachebricksCache[" + getName() + "]";
  }
}
