package dev.cachebricks.spring.boot;

import dev.cachebricks.CacheConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed on a {@link CacheConfigException} the Spring Boot way: what is
 * wrong, and which property to change.
 */
final class CacheConfigFailureAnalyzer extends AbstractFailureAnalyzer<CacheConfigException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CacheConfigException cause) {
    String field = cause.field();
    String action = field.startsWith(CachebricksProperties.PREFIX + ".")
        ? "Update the value of '" + field + "' in your application's configuration."
        : "Check the cachebricks configuration ('" + field + "').";
    return new FailureAnalysis("Invalid cachebricks configuration: " + cause.getMessage(),
        action, cause);
  }
}
