package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborLimits;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * For measuring what decoding's checks cost (the benchmarks use it from this test-jar): the
 * codec's mapper, with the codec's deserializers and configuration, on Jackson's own CBOR
 * parser instead of {@link LimitingParser}, so none of the codec's limits or strictness checks
 * run. Never for real decoding.
 */
public final class UncheckedCodecMapper {

  private UncheckedCodecMapper() {}

  /**
   * Builds the mapper.
   *
   * @return the codec's configuration on Jackson's unchecked parser
   */
  public static CBORMapper create() {
    return CborMappers.mapper(CborMappers.factoryBuilder(CborLimits.DEFAULT).build());
  }
}
