package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborLimits;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORFactoryBuilder;
import tools.jackson.dataformat.cbor.CBORParser;
import tools.jackson.dataformat.cbor.CBORWriteFeature;

/**
 * Jackson's CBOR factory, making the codec's own generator and parser: a {@link
 * CanonicalGenerator} that writes canonically as it goes, and a {@link LimitingParser} that
 * enforces {@link CborLimits} while it reads. Subclasses rather than delegating wrappers, so that
 * no call pays a second virtual hop and the parser keeps Jackson's fast property-name matching.
 *
 * <p>Only decoding from a byte array is supported (all the codec does): a stream parser fails.
 */
final class CanonicalCborFactory extends CBORFactory {

  private static final long serialVersionUID = 1L;

  private final CborLimits limits;
  /** Learned property counts per class, shared by every encode through this factory. */
  private final transient ClassValue<AtomicInteger> counts = new ClassValue<>() {
    @Override
    protected AtomicInteger computeValue(Class<?> type) {
      return new AtomicInteger(CanonicalGenerator.UNKNOWN);
    }
  };

  CanonicalCborFactory(CBORFactoryBuilder builder, CborLimits limits) {
    super(builder);
    this.limits = limits;
    if (isEnabled(CBORWriteFeature.WRITE_TYPE_HEADER) || isEnabled(CBORWriteFeature.STRINGREF)) {
      throw new IllegalArgumentException("type headers and string references are not canonical");
    }
  }

  private CanonicalCborFactory(CanonicalCborFactory source) {
    super(source);
    this.limits = source.limits;
  }

  @Override
  public CBORFactory copy() {
    return new CanonicalCborFactory(this);
  }

  @Override
  protected Object readResolve() {
    return new CanonicalCborFactory(this);
  }

  @Override
  protected JsonGenerator _createGenerator(ObjectWriteContext writeCtxt, IOContext ioCtxt,
      OutputStream out) {
    boolean learn = !(writeCtxt instanceof SerializationContext context)
        || context.getAttribute(CanonicalGenerator.NO_LEARNING) == null;
    return new CanonicalGenerator(writeCtxt, ioCtxt,
        writeCtxt.getStreamWriteFeatures(_streamWriteFeatures),
        writeCtxt.getFormatWriteFeatures(_formatWriteFeatures), out, learn ? counts : null);
  }

  @Override
  protected CBORParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, byte[] data,
      int offset, int len) {
    _streamReadConstraints.validateDocumentLength(len);
    return new LimitingParser(readCtxt, ioCtxt,
        readCtxt.getStreamReadFeatures(_streamReadFeatures),
        readCtxt.getFormatReadFeatures(_formatReadFeatures),
        _byteSymbolCanonicalizer.makeChildOrPlaceholder(_factoryFeatures),
        data, offset, offset + len, limits);
  }

  @Override
  protected CBORParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt,
      InputStream in) {
    throw new UnsupportedOperationException("the codec decodes byte arrays only");
  }
}
