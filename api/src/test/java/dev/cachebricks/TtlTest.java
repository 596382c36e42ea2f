package dev.cachebricks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlTest {

  @Test
  void zeroMeansNoExpiry() {
    assertThat(Ttl.toMillis(Duration.ZERO)).isEqualTo(Ttl.NO_EXPIRY).isZero();
  }

  @Test
  void subMillisecondRoundsUpToOneMillisecond() {
    assertThat(Ttl.toMillis(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(Ttl.toMillis(Duration.ofNanos(999_999))).isEqualTo(1);
  }

  @Test
  void partialMillisecondsRoundUp() {
    assertThat(Ttl.toMillis(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(Ttl.toMillis(Duration.ofNanos(1_000_001))).isEqualTo(2);
    assertThat(Ttl.toMillis(Duration.ofSeconds(5))).isEqualTo(5000);
  }

  @Test
  void hugeTtlSaturatesInsteadOfOverflowing() {
    assertThat(Ttl.toMillis(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void negativeIsInvalid() {
    assertThatThrownBy(() -> Ttl.toMillis(Duration.ofNanos(-1)))
        .isInstanceOf(InvalidTtlException.class)
        .satisfies(e ->
            assertThat(((InvalidTtlException) e).ttl()).isEqualTo(Duration.ofNanos(-1)));
  }

  @Test
  void nullIsANullPointerNamingTheArgument() {
    assertThatThrownBy(() -> Ttl.toMillis(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("ttl");
  }
}
