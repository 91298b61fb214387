package io.netsift.core;

import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Dissects packets held in memory (pyshark's InMemCapture): raw frames plus their link type.
 */
public final class Packets {
  private Packets() {}

  private static final ThreadLocal<SummaryFormat> SUMMARIES =
      ThreadLocal.withInitial(() -> new SummaryFormat(TimeFormat.RELATIVE));

  /**
   * A packet from a dissection made by the caller's own {@link DissectionEngine} (live capture,
   * custom readers); the dissection is copied, so the engine may move on.
   */
  public static Packet of(Dissection d) {
    return Packet.of(d, SUMMARIES.get());
  }

  /** Dissects one frame of the given link type (e.g. {@link io.netsift.core.capture.LinkType#ETHERNET}). */
  public static Packet parse(byte[] bytes, int linkType) {
    return parse(List.of(bytes), linkType).get(0);
  }

  /** Dissects frames as one capture (so TCP streams and relative times span them). */
  public static List<Packet> parse(List<byte[]> frames, int linkType) {
    DissectionEngine engine = new DissectionEngine();
    SummaryFormat format = new SummaryFormat(TimeFormat.RELATIVE);
    List<Packet> out = new ArrayList<>(frames.size());
    for (byte[] b : frames) {
      Frame f = new Frame();
      f.data = b;
      f.capturedLength = b.length;
      f.originalLength = b.length;
      f.linkType = linkType;
      out.add(Packet.of(engine.dissect(f), format));
    }
    return out;
  }
}
