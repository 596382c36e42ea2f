package dev.cachebricks.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cache.HazelcastExpiryPolicy;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.serialization.impl.SerializationConstants;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.cachebricks.Ttl;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The expiry policy of a write as a member reads it: a plain {@link HazelcastExpiryPolicy}
 * (Hazelcast's own {@code IdentifiedDataSerializable}, read by its stock deserializer), small,
 * with creation = update = the TTL, and for a replace access = unchanged. These are the
 * assumptions {@link Expiry} makes about Hazelcast's wire format.
 */
class ExpiryTest {

  /** A serialization service as a member has it: Hazelcast's own factories, no extra config. */
  private static final InternalSerializationService STOCK =
      new DefaultSerializationServiceBuilder().build();

  @AfterAll
  static void dispose() {
    STOCK.dispose();
  }

  private static ExpiryPolicy asAMemberReadsIt(ExpiryPolicy policy) {
    return STOCK.toObject(STOCK.toData(policy));
  }

  private static javax.cache.expiry.Duration millis(long amount) {
    return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, amount);
  }

  private static ExpiryPolicy[] policies(long ttl) {
    return new ExpiryPolicy[] {Expiry.forWrite(ttl), Expiry.forReplace(ttl)};
  }

  /** A member forwarding a request writes the policy again with Hazelcast's own writeData. */
  private static ExpiryPolicy forwarded(ExpiryPolicy policy) {
    return asAMemberReadsIt(asAMemberReadsIt(policy));
  }

  @Test
  void aWriteSendsASmallHazelcastNativePolicyNotJavaSerialization() {
    for (long ttl : new long[] {Ttl.NO_EXPIRY, 1, 60_000, Long.MAX_VALUE}) {
      for (ExpiryPolicy policy : policies(ttl)) {
        Data data = STOCK.toData(policy);
        assertThat(data.getType()).as("serializer of %s", policy)
            .isEqualTo(SerializationConstants.CONSTANT_TYPE_DATA_SERIALIZABLE);
        assertThat(data.totalSize()).as("bytes per write, %s", policy).isLessThan(64);
      }
    }
  }

  @Test
  void aPutsTtlIsCreationAndUpdateAndSurvivesForwarding() {
    for (ExpiryPolicy read : new ExpiryPolicy[] {
        asAMemberReadsIt(Expiry.forWrite(60_000)), forwarded(Expiry.forWrite(60_000))}) {
      assertThat(read.getClass()).isEqualTo(HazelcastExpiryPolicy.class);
      assertThat(read.getExpiryForCreation()).isEqualTo(millis(60_000));
      assertThat(read.getExpiryForUpdate()).isEqualTo(millis(60_000));
      // Never consulted by put or putIfAbsent; not null, so that forwarding can write it.
      assertThat(read.getExpiryForAccess()).isEqualTo(millis(60_000));
    }
  }

  @Test
  void aReplacesTtlIsCreationAndUpdateAndAccessLeavesItUnchanged() {
    ExpiryPolicy read = asAMemberReadsIt(Expiry.forReplace(60_000));
    assertThat(read.getClass()).isEqualTo(HazelcastExpiryPolicy.class);
    assertThat(read.getExpiryForCreation()).isEqualTo(millis(60_000));
    assertThat(read.getExpiryForUpdate()).isEqualTo(millis(60_000));
    assertThat(read.getExpiryForAccess()).isNull();
  }

  @Test
  void aClientSendsItsReplacePolicyInAFormThatSurvivesForwarding() {
    // Hazelcast's own writeData cannot write the null access duration back: why forClient exists.
    assertThatThrownBy(() -> forwarded(Expiry.forReplace(60_000)))
        .isInstanceOf(HazelcastSerializationException.class);
    ExpiryPolicy sent = Expiry.forClient(Expiry.forReplace(60_000));
    ExpiryPolicy read = forwarded(sent);
    assertThat(read.getExpiryForUpdate()).isEqualTo(millis(60_000));
    assertThat(read.getExpiryForAccess()).isNull();
    ExpiryPolicy put = Expiry.forWrite(60_000);
    assertThat(Expiry.forClient(put)).isSameAs(put);
  }

  @Test
  void theShortestTtlStaysOneMillisecond() {
    long ttl = Ttl.toMillis(Duration.ofNanos(1));
    for (ExpiryPolicy policy : policies(ttl)) {
      ExpiryPolicy read = asAMemberReadsIt(policy);
      assertThat(read.getExpiryForCreation()).isEqualTo(millis(1));
      assertThat(read.getExpiryForUpdate()).isEqualTo(millis(1));
    }
  }

  @Test
  void noExpiryReplacesAnOldTtlWithOneThatNeverEnds() {
    long now = System.currentTimeMillis();
    long tenMillionYears = Duration.ofDays(365L * 10_000_000).toMillis();
    for (long ttl : new long[] {Ttl.NO_EXPIRY, Long.MAX_VALUE}) {
      for (ExpiryPolicy policy : new ExpiryPolicy[] {Expiry.forWrite(ttl), Expiry.forReplace(ttl),
          Expiry.forClient(Expiry.forReplace(ttl))}) {
        ExpiryPolicy read = asAMemberReadsIt(policy);
        // Update must be set (null would keep an old TTL), and never end (nor overflow).
        assertThat(read.getExpiryForCreation().getAdjustedTime(now))
            .isGreaterThan(now + tenMillionYears);
        assertThat(read.getExpiryForUpdate().getAdjustedTime(now))
            .isGreaterThan(now + tenMillionYears);
      }
    }
    assertThat(Expiry.forWrite(Ttl.NO_EXPIRY)).isSameAs(Expiry.forWrite(Long.MAX_VALUE));
  }

  @Test
  void theLocalPolicyMeansWhatTheMemberReads() {
    // A member runs a local operation with the policy object itself, never serialized.
    for (long ttl : new long[] {Ttl.NO_EXPIRY, 1, 60_000}) {
      for (ExpiryPolicy local : policies(ttl)) {
        ExpiryPolicy read = asAMemberReadsIt(local);
        assertThat(local.getExpiryForCreation()).isEqualTo(read.getExpiryForCreation());
        assertThat(local.getExpiryForUpdate()).isEqualTo(read.getExpiryForUpdate());
        assertThat(local.getExpiryForAccess()).isEqualTo(read.getExpiryForAccess());
      }
    }
  }
}
