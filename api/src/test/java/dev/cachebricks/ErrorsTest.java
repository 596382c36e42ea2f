package dev.cachebricks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void sentinelMessagesMatchTheSeed() {
    assertThat(new CasFailedException()).hasMessage("cache: compare-and-set failed");
    assertThat(new CacheClosedException()).hasMessage("cache: connection closed");
    assertThat(new InvalidTtlException(java.time.Duration.ofSeconds(-1))).hasMessage(
        "cache: invalid TTL");
    assertThat(new ManagerClosedException()).hasMessage("cache: manager closed");
  }

  @Test
  void structuredMessagesMatchTheSeedAndKeepTheirFields() {
    CacheConfigException config = new CacheConfigException("maxTenants", "must not be negative",
        new IllegalArgumentException("was -1"));
    assertThat(config).hasMessage(
        "cache configuration error: maxTenants: must not be negative: was -1");
    assertThat(config.field()).isEqualTo("maxTenants");
    assertThat(config.detail()).isEqualTo("must not be negative");
    assertThat(new CacheConfigException("addresses", "empty"))
        .hasMessage("cache configuration error: addresses: empty").hasNoCause();

    CacheConnectionException connection =
        new CacheConnectionException("connect", "127.0.0.1:5701", new IOException("refused"));
    assertThat(connection).hasMessage(
        "cache connection error: connect failed for 127.0.0.1:5701: refused");
    assertThat(connection.op()).isEqualTo("connect");
    assertThat(connection.address()).isEqualTo("127.0.0.1:5701");

    CacheOperationException operation =
        new CacheOperationException("get", "user:1", new IllegalStateException("boom"));
    assertThat(operation).hasMessage("cache operation error: get failed for key \"user:1\": boom");
    assertThat(operation.op()).isEqualTo("get");
    assertThat(operation.key()).isEqualTo("user:1");
  }

  @Test
  void causeWithoutMessageIsRenderedByClassName() {
    assertThat(new CacheOperationException("set", "k", new IllegalStateException()))
        .hasMessage(
            "cache operation error: set failed for key \"k\": java.lang.IllegalStateException");
  }

  @Test
  void isCausedByWalksTheCauseChain() {
    Exception chain = new RuntimeException(
        new CacheOperationException("get", "k", new CacheClosedException()));
    assertThat(CacheException.isCausedBy(chain, CacheClosedException.class)).isTrue();
    assertThat(CacheException.isCausedBy(chain, CacheOperationException.class)).isTrue();
    assertThat(CacheException.isCausedBy(chain, CasFailedException.class)).isFalse();
    assertThat(CacheException.isCausedBy(null, CasFailedException.class)).isFalse();
    assertThat(CacheException.findCause(chain, CacheOperationException.class))
        .hasValueSatisfying(e -> assertThat(e.key()).isEqualTo("k"));
  }

  @Test
  void isCausedBySurvivesACyclicChain() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(CacheException.isCausedBy(a, CacheClosedException.class)).isFalse();
  }
}
