package io.netsift.server;

import java.time.Instant;
import java.util.List;

/**
 * One capture as the API lists it ({@code GET /api/captures}): what was uploaded, what indexing
 * found and how far it got. Times are ISO-8601 UTC strings, null before indexing saw a packet.
 */
public record CaptureRecord(long id, String name, long size, String sha256, List<Integer> linkTypes,
    long packets, String firstTime, String lastTime, String uploadedAt, String state, int percent,
    List<String> warnings) {

  /** The ISO-8601 text of a time in nanoseconds since the epoch, or null. */
  static String iso(Long nanos) {
    if (nanos == null) {
      return null;
    }
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
  }
}
