package dev.resilientsession.gateway.token;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * The database's redo log: blocks of changes appended to files, each block in one write, so that a
 * change survives a killed process as soon as its write returns, long before H2 writes its own
 * file. Not forced to the disk ({@code fsync}): that would survive a power cut too, but it halved
 * the token endpoint's throughput. The log is a run of numbered segments: new blocks go to the
 * newest, and a segment whose changes H2 has written is deleted. Each block carries its length and
 * checksum; a block that a kill cut short is not read back. One thread at a time appends; another
 * may delete ended segments.
 */
final class RedoLog implements Closeable {
  private static final String PREFIX = "gateway.redo.";
  private static final int HEADER = 8;

  private final Path directory;
  /** The segment blocks are appended to; null until the first block after the last one ended. */
  private FileChannel current;
  /** The number of {@link #current}, or of the next segment when there is none. */
  private long segment;
  /** Where the last whole block of {@link #current} ends: the next block is written here. */
  private long size;

  private RedoLog(Path directory, long segment) {
    this.directory = directory;
    this.segment = segment;
  }

  /** The log in {@code directory}; its segments are files named {@code gateway.redo.<number>}. */
  static RedoLog open(Path directory) throws IOException {
    TreeSet<Long> segments = segments(directory);
    return new RedoLog(directory, segments.isEmpty() ? 1 : segments.last() + 1);
  }

  /**
   * The whole blocks of every segment, oldest first, up to the first block that is cut short or
   * damaged, as a kill during a write leaves the last one; nothing after it is read.
   */
  List<byte[]> read() throws IOException {
    List<byte[]> blocks = new ArrayList<>();
    for (long number : segments(directory)) {
      try (FileChannel channel = FileChannel.open(path(number), StandardOpenOption.READ)) {
        if (!readBlocks(channel, blocks)) break;
      }
    }
    return blocks;
  }

  /**
   * Appends {@code block[0, length)} to the newest segment in one write. Once this returns, the
   * block survives the process; a block that failed to be written is overwritten by the next one.
   */
  void append(byte[] block, int length) throws IOException {
    if (current == null) {
      current = FileChannel.open(path(segment), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      size = 0;
    }
    ByteBuffer buffer = ByteBuffer.allocate(HEADER + length);
    buffer.putInt(length).putInt(checksum(block, length)).put(block, 0, length).flip();
    long position = size;
    while (buffer.hasRemaining()) position += current.write(buffer, position);
    size = position;
  }

  /** The bytes the newest segment holds. */
  long size() {
    return current == null ? 0 : size;
  }

  /**
   * Ends the newest segment, if it holds anything: later blocks go to a new one. Returns its number,
   * for {@link #deleteThrough} once H2 has written its changes; 0 when there was nothing to end.
   */
  long endSegment() throws IOException {
    if (current == null) return 0;
    current.close();
    current = null;
    return segment++;
  }

  /** Deletes the ended segments numbered up to {@code number}: H2 has written their changes. */
  void deleteThrough(long number) throws IOException {
    for (long existing : segments(directory)) {
      if (existing > number) break;
      Files.deleteIfExists(path(existing));
    }
  }

  @Override public void close() throws IOException {
    if (current != null) current.close();
  }

  private Path path(long number) {
    return directory.resolve(PREFIX + number);
  }

  /** Adds the channel's whole blocks to {@code blocks}; false when it ended in a damaged block. */
  private static boolean readBlocks(FileChannel channel, List<byte[]> blocks) throws IOException {
    long length = channel.size();
    long position = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (position + HEADER <= length) {
      header.clear();
      readFully(channel, header, position);
      int blockLength = header.getInt(0);
      if (blockLength < 0 || position + HEADER + blockLength > length) return false;
      ByteBuffer block = ByteBuffer.allocate(blockLength);
      readFully(channel, block, position + HEADER);
      if (checksum(block.array(), blockLength) != header.getInt(4)) return false;
      blocks.add(block.array());
      position += HEADER + blockLength;
    }
    return position == length;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) throw new IOException("a segment ended early");
    }
  }

  private static TreeSet<Long> segments(Path directory) throws IOException {
    TreeSet<Long> numbers = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
      for (Path file : files) {
        String suffix = file.getFileName().toString().substring(PREFIX.length());
        if (suffix.matches("[1-9][0-9]{0,17}")) numbers.add(Long.parseLong(suffix));
      }
    }
    return numbers;
  }

  private static int checksum(byte[] block, int length) {
    CRC32 crc = new CRC32();
    crc.update(block, 0, length);
    return (int) crc.getValue();
  }
}
