package dev.resilientsession.gateway.token;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redo log gives back, at open, the blocks a killed gateway had appended. */
class RedoLogTest {
  @TempDir Path directory;

  @Test void blocksAreReadBackInTheOrderTheyWereAppendedAcrossSegments() throws IOException {
    try (RedoLog log = RedoLog.open(directory)) {
      append(log, "one");
      append(log, "two");
      log.endSegment();
      append(log, "three");
    }

    assertThat(read()).containsExactly("one", "two", "three");
  }

  @Test void aBlockAKillCutShortIsNotReadBack() throws IOException {
    try (RedoLog log = RedoLog.open(directory)) {
      append(log, "answered");
      append(log, "being written");
    }
    Path segment = onlySegment();
    long length = Files.size(segment);
    try (SeekableByteChannel channel = Files.newByteChannel(segment, StandardOpenOption.WRITE)) {
      channel.truncate(length - 3);
    }

    assertThat(read()).containsExactly("answered");
  }

  @Test void aDamagedBlockEndsTheLog() throws IOException {
    try (RedoLog log = RedoLog.open(directory)) {
      append(log, "whole");
      append(log, "damaged");
      append(log, "after");
    }
    Path segment = onlySegment();
    byte[] bytes = Files.readAllBytes(segment);
    bytes[8 + "whole".length() + 8] ^= 1; // the first byte of the second block, after its header
    Files.write(segment, bytes);

    assertThat(read()).containsExactly("whole");
  }

  @Test void segmentsDeletedOnceWrittenElsewhereAreNotReadBack() throws IOException {
    try (RedoLog log = RedoLog.open(directory)) {
      append(log, "first");
      long first = log.endSegment();
      append(log, "second");
      log.endSegment();
      append(log, "third");

      log.deleteThrough(first);
    }

    assertThat(read()).containsExactly("second", "third");
  }

  @Test void aLogOpenedAgainAppendsToANewSegment() throws IOException {
    try (RedoLog log = RedoLog.open(directory)) {
      append(log, "before");
    }
    try (RedoLog log = RedoLog.open(directory)) {
      append(log, "after");
    }

    assertThat(read()).containsExactly("before", "after");
  }

  private static void append(RedoLog log, String block) throws IOException {
    byte[] bytes = block.getBytes(UTF_8);
    log.append(bytes, bytes.length);
  }

  private List<String> read() throws IOException {
    try (RedoLog log = RedoLog.open(directory)) {
      return log.read().stream().map(bytes -> new String(bytes, UTF_8)).collect(Collectors.toList());
    }
  }

  private Path onlySegment() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> segments = files.collect(Collectors.toList());
      assertThat(segments).hasSize(1);
      return segments.get(0);
    }
  }
}
