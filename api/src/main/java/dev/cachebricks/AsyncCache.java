package dev.cachebricks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link Cache} ({@link Cache#async()}). Each method has the
 * semantics of its synchronous twin.
 *
 * <p>On every implementation, argument errors ({@link NullPointerException},
 * {@link IllegalArgumentException} for a key or value over the {@link EntryLimits},
 * {@link InvalidTtlException}) and a closed cache ({@link CacheClosedException}) are thrown by
 * the call itself, before anything is sent; backend failures complete the future exceptionally
 * with a {@link CacheOperationException}.
 * Implementations complete futures on the thread that received the response, never by hopping
 * through a shared default executor: keep dependent stages short or pass your own executor to
 * the {@code *Async} stage methods.
 */
public interface AsyncCache {

  /**
   * Asynchronous {@link Cache#get(String)}.
   *
   * @param key the key
   * @return the value, or empty when absent or expired
   */
  CompletableFuture<Optional<byte[]>> get(String key);

  /**
   * Asynchronous {@link Cache#set(String, byte[], Duration)}.
   *
   * @param key the key
   * @param value the value (copied)
   * @param ttl time to live; {@link Duration#ZERO} for no expiry
   * @return completes when the write is acknowledged
   */
  CompletableFuture<Void> set(String key, byte[] value, Duration ttl);

  /**
   * Asynchronous {@link Cache#delete(String)}.
   *
   * @param key the key
   * @return completes when the delete is acknowledged
   */
  CompletableFuture<Void> delete(String key);

  /**
   * Asynchronous {@link Cache#getOrSet(String, byte[], Duration)}.
   *
   * @param key the key
   * @param value the value to store if absent (copied)
   * @param ttl time to live of a newly stored value
   * @return the stored value and whether this call stored it
   */
  CompletableFuture<GetOrSetResult> getOrSet(String key, byte[] value, Duration ttl);

  /**
   * Asynchronous {@link Cache#compareAndSet(String, byte[], byte[], Duration)}.
   *
   * @param key the key
   * @param expected the value that must be stored, or null for "must be absent"
   * @param newValue the value to store (copied)
   * @param ttl time to live of the new value
   * @return true if the value was set
   */
  CompletableFuture<Boolean> compareAndSet(
      String key, byte[] expected, byte[] newValue, Duration ttl);

  /**
   * Asynchronous {@link Cache#compareAndDelete(String, byte[])}.
   *
   * @param key the key
   * @param expected the value that must be stored
   * @return true if the key was removed
   */
  CompletableFuture<Boolean> compareAndDelete(String key, byte[] expected);
}
