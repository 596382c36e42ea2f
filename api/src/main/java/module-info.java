/**
 * The cachebricks contract and its features. Exports the public packages only; the
 * implementation support in {@code dev.cachebricks.internal} is open to cachebricks' own modules
 * and no one else.
 */
module dev.cachebricks.api {
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.cbor;
  requires static micrometer.core;
  requires static micrometer.observation;
  requires static micrometer.commons;

  exports dev.cachebricks;
  exports dev.cachebricks.cbor;
  exports dev.cachebricks.micrometer;
  exports dev.cachebricks.recipes;
  exports dev.cachebricks.tenant;
  exports dev.cachebricks.testing;
  exports dev.cachebricks.internal to
      dev.cachebricks.jcache, dev.cachebricks.hazelcast, dev.cachebricks.spring.boot;
}
