package dev.cachebricks.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.CacheConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManagerConfigTest {

  @Test
  void defaultsMatchTheSeed() {
    ManagerConfig config = ManagerConfig.defaults();
    assertThat(config.maxTenants()).isEqualTo(100);
    assertThat(config.idleTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.cleanupInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void zeroMaxTenantsMeansUnboundedAndZeroIdleTtlMeansNever() {
    ManagerConfig config = ManagerConfig.builder().maxTenants(0).idleTtl(Duration.ZERO).build();
    assertThat(config.maxTenants()).isZero();
    assertThat(config.idleTtl()).isZero();
  }

  @Test
  void negativeValuesAreConfigErrorsNamingTheField() {
    assertThatThrownBy(() -> ManagerConfig.builder().maxTenants(-1).build())
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("maxTenants"));
    assertThatThrownBy(() -> ManagerConfig.builder().idleTtl(Duration.ofSeconds(-1)).build())
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("idleTtl"));
    assertThatThrownBy(() ->
        ManagerConfig.builder().cleanupInterval(Duration.ofSeconds(-1)).build())
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("cleanupInterval"));
  }

  @Test
  void nullsAndAZeroCleanupIntervalAreConfigErrors() {
    assertThatThrownBy(() -> ManagerConfig.builder().idleTtl(null).build())
        .isInstanceOf(CacheConfigException.class).hasMessageContaining("idleTtl");
    assertThatThrownBy(() -> ManagerConfig.builder().cleanupInterval(Duration.ZERO).build())
        .isInstanceOf(CacheConfigException.class).hasMessageContaining("cleanupInterval");
    assertThatThrownBy(() -> ManagerConfig.builder().clock(null).build())
        .isInstanceOf(CacheConfigException.class).hasMessageContaining("clock");
  }
}
