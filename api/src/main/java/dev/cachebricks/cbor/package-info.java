/**
 * The CBOR codec: {@link dev.cachebricks.cbor.Cbor} (static entry points) and
 * {@link dev.cachebricks.cbor.CborCodec} (a reusable typed codec) turn objects into compact,
 * canonical CBOR values and back, with {@link dev.cachebricks.cbor.CborKey} for integer map
 * keys. Decoding is strict and bounded by {@link dev.cachebricks.cbor.CborLimits} in the same
 * pass; every failure is a {@link dev.cachebricks.cbor.CborException}.
 */
package dev.cachebricks.cbor;
