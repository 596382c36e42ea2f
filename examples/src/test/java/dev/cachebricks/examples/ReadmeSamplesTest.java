package dev.cachebricks.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code java} block of the README appears in {@link ReadmeSamples}, which the build
 * compiles: a README sample that no longer compiles against the API fails here.
 */
class ReadmeSamplesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyJavaSampleOfTheReadmeCompilesInReadmeSamples() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<String> samples = lines(Files.readString(ROOT.resolve(
        "examples/src/test/java/dev/cachebricks/examples/ReadmeSamples.java"),
        StandardCharsets.UTF_8));
    Matcher blocks = Pattern.compile("(?ms)^```java\\n(.*?)^```").matcher(readme);
    int checked = 0;
    while (blocks.find()) {
      List<String> block = lines(blocks.group(1));
      assertThat(Collections.indexOfSubList(samples, block))
          .as("README sample not in ReadmeSamples.java:%n%s", blocks.group(1))
          .isNotNegative();
      checked++;
    }
    assertThat(checked).as("java blocks found in the README").isGreaterThanOrEqualTo(10);
  }

  /** Lines without indentation or trailing spaces, blank lines dropped. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return lines;
  }
}
