package io.netsift.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's share: a whole file, or the records of a file whose first byte lies in
 * {@code [start, end)}, starting at a record boundary with the count of records before it.
 */
final class NetsiftPartition implements InputPartition {
  private static final long serialVersionUID = 1L;
  final String path;
  final boolean whole;
  final long start;
  final long end;
  /** The file header (pcap file header or pcapng blocks before the first packet). */
  final byte[] head;
  final long framesBefore;
  final long firstTimestampNanos;
  final long previousTimestampNanos;
  /** Where to start dissecting (-1: at {@code start}): records before start rebuild state. */
  final long warmup;
  final long warmupRecords;

  private NetsiftPartition(String path, boolean whole, long start, long end, byte[] head,
      long framesBefore, long firstTs, long prevTs, long warmup, long warmupRecords) {
    this.path = path;
    this.whole = whole;
    this.start = start;
    this.end = end;
    this.head = head;
    this.framesBefore = framesBefore;
    this.firstTimestampNanos = firstTs;
    this.previousTimestampNanos = prevTs;
    this.warmup = warmup;
    this.warmupRecords = warmupRecords;
  }

  static NetsiftPartition whole(String path) {
    return new NetsiftPartition(path, true, 0, Long.MAX_VALUE, null, 0, 0, 0, -1, 0);
  }

  static NetsiftPartition split(String path, long start, long end, byte[] head,
      long framesBefore, long firstTs, long prevTs, long warmup, long warmupRecords) {
    return new NetsiftPartition(path, false, start, end, head, framesBefore, firstTs, prevTs,
        warmup, warmupRecords);
  }

  @Override
  public String toString() {
    return whole ? path : path + "[" + start + "," + end + ") after " + framesBefore + " frames";
  }
}
