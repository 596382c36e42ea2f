package dev.cachebricks.hazelcast;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.ClassResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Async callbacks on an embedded member never run on Hazelcast's threads: a callback that makes
 * a blocking call for the same key (same partition) completes, instead of waiting for the
 * partition thread it is blocking until the operation timeout.
 */
class EmbeddedCallbackTest {

  @RegisterExtension
  static final ClassResource<HazelcastBackend> backend =
      new ClassResource<>(() -> HazelcastBackend.start(HazelcastConfig.builder()
          .clusterName("cb-test-" + UUID.randomUUID())
          .operationTimeout(Duration.ofSeconds(5)).build()));

  @Test
  void aBlockingCallForTheSameKeyInsideACallbackCompletes() throws Exception {
    try (Cache cache = backend.get().cache("callback-" + UUID.randomUUID())) {
      cache.set("k", new byte[] {1}, Duration.ofMinutes(1));
      List<String> threads = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        String[] thread = new String[1];
        byte[] inner = cache.async().get("k").thenApply(outer -> {
          thread[0] = Thread.currentThread().getName();
          cache.set("k", new byte[] {2}, Duration.ofMinutes(1)); // same key, same partition
          return cache.get("k").orElseThrow();
        }).get(20, SECONDS);
        // A deadlock would end in the inner calls' 5 s operation timeout: an exception here.
        assertThat(inner).containsExactly(2);
        threads.add(thread[0]);
      }
      assertThat(threads).as("threads the callbacks ran on")
          .noneMatch(name -> name.contains("partition-operation") || name.contains(".response-")
              || name.contains("generic-operation"));
    }
  }
}
