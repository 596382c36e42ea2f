package dev.cachebricks.hazelcast.jcache;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * only {@link #getCacheManager()}, {@link #unwrap(Class)} and the closed state are the
 * cachebricks family's (several components may hold views of one Hazelcast cache proxy, so
 * closing this view never closes it under the others).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CachebricksCache<K, V> implements Cache<K, V> {

  private final CachebricksCacheManager manager;
  private final Cache<K, V> delegate;
  private final AtomicBoolean closed = new AtomicBoolean();

  CachebricksCache(CachebricksCacheManager manager, Cache<K, V> delegate) {
    this.manager = manager;
    this.delegate = delegate;
  }

  Cache<K, V> delegate() {
    return delegate;
  }

  @Override
  public V get(K key) {
    ensureOpen();
    return delegate.get(key);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    ensureOpen();
    return delegate.getAll(keys);
  }

  @Override
  public boolean containsKey(K key) {
    ensureOpen();
    return delegate.containsKey(key);
  }

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues,
      CompletionListener listener) {
    ensureOpen();
    delegate.loadAll(keys, replaceExistingValues, listener);
  }

  @Override
  public void put(K key, V value) {
    ensureOpen();
    delegate.put(key, value);
  }

  @Override
  public V getAndPut(K key, V value) {
    ensureOpen();
    return delegate.getAndPut(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    ensureOpen();
    delegate.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    ensureOpen();
    return delegate.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(K key) {
    ensureOpen();
    return delegate.remove(key);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    ensureOpen();
    return delegate.remove(key, oldValue);
  }

  @Override
  public V getAndRemove(K key) {
    ensureOpen();
    return delegate.getAndRemove(key);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    ensureOpen();
    return delegate.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    ensureOpen();
    return delegate.replace(key, value);
  }

  @Override
  public V getAndReplace(K key, V value) {
    ensureOpen();
    return delegate.getAndReplace(key, value);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    ensureOpen();
    delegate.removeAll(keys);
  }

  @Override
  public void removeAll() {
    ensureOpen();
    delegate.removeAll();
  }

  @Override
  public void clear() {
    ensureOpen();
    delegate.clear();
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    return delegate.getConfiguration(clazz);
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments)
      throws EntryProcessorException {
    ensureOpen();
    return delegate.invoke(key, entryProcessor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    ensureOpen();
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

  /**
   * Closes this view: operations on it throw {@link IllegalStateException}, and
   * {@code getCache} on its manager returns a new open view. Hazelcast's proxy (with its
   * listeners) closes when no other view of the cache is open on the instance; the data stays.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      manager.closed(this);
    }
  }

  @Override
  public boolean isClosed() {
    return closed.get() || delegate.isClosed();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("Cache " + getName() + " is closed");
    }
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
    ensureOpen();
    delegate.registerCacheEntryListener(configuration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
    ensureOpen();
    delegate.deregisterCacheEntryListener(configuration);
  }

  @Override
  public Iterator<Entry<K, V>> iterator() {
    ensureOpen();
    return delegate.iterator();
  }

  @Override
  public String toString() {
    return "CachebricksCache[" + getName() + "]";
  }
}
