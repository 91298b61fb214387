package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * The "frame" pseudo-protocol: capture metadata (number, times, lengths, interface,
 * comment) and the hand-off to the link-layer dissector chosen by the frame's link type.
 */
public final class FrameDissector extends Dissector {
  public static final Field COMMENT = Field.string("frame.comment", "Comment");
  public static final Field INTERFACE_ID = Field.u32("frame.interface_id", "Interface id");
  public static final Field ENCAP_TYPE = Field.of("frame.encap_type", "Encapsulation type", FieldType.INT16);
  public static final Field TIME = Field.of("frame.time", "Arrival Time", FieldType.ABSOLUTE_TIME).base(Base.TIME_LOCAL);
  public static final Field OFFSET_SHIFT = Field.of("frame.offset_shift", "Time shift for this packet", FieldType.RELATIVE_TIME);
  public static final Field TIME_EPOCH = Field.of("frame.time_epoch", "Epoch Time", FieldType.ABSOLUTE_TIME).base(Base.TIME_UNIX);
  public static final Field TIME_DELTA = Field.of("frame.time_delta", "Time delta from previous captured frame", FieldType.RELATIVE_TIME);
  public static final Field TIME_DELTA_DISPLAYED = Field.of("frame.time_delta_displayed", "Time delta from previous displayed frame", FieldType.RELATIVE_TIME);
  public static final Field TIME_RELATIVE = Field.of("frame.time_relative", "Time since reference or first frame", FieldType.RELATIVE_TIME);
  public static final Field NUMBER = Field.u32("frame.number", "Frame Number");
  public static final Field LEN = Field.u32("frame.len", "Frame Length").unit(" bytes");
  public static final Field CAP_LEN = Field.u32("frame.cap_len", "Capture Length").unit(" bytes");
  public static final Field MARKED = Field.bool("frame.marked", "Frame is marked");
  public static final Field IGNORED = Field.bool("frame.ignored", "Frame is ignored");
  public static final Field PROTOCOLS = Field.string("frame.protocols", "Protocols in frame");

  public FrameDissector() {
    super("frame", "Frame", "");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.start(layer), d.end(layer));
    return d.protocols().lookup(Protocols.Table.LINK_TYPE, d.linkType());
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    if (d.comment() != null) {
      t.generatedObject(COMMENT, d.comment());
    }
    if (d.interfaceId() >= 0) {
      t.generated(INTERFACE_ID, d.interfaceId());
    }
    t.generated(ENCAP_TYPE, WiresharkEncap.of(d.linkType()));
    t.generated(TIME, d.timestampNanos());
    t.generated(OFFSET_SHIFT, 0);
    t.generated(TIME_EPOCH, d.timestampNanos());
    t.generated(TIME_DELTA, d.deltaNanos());
    t.generated(TIME_DELTA_DISPLAYED, d.deltaDisplayedNanos());
    t.generated(TIME_RELATIVE, d.relativeNanos());
    t.generated(NUMBER, d.number());
    t.generated(LEN, d.originalLength());
    t.generated(CAP_LEN, d.capturedLength());
    t.generated(MARKED, 0);
    t.generated(IGNORED, 0);
    if (t.wants(PROTOCOLS)) {
      t.generatedObject(PROTOCOLS, protocolsOf(d));
    }
  }

  /** The colon-separated protocol chain as tshark's frame.protocols prints it. */
  public static String protocolsOf(Dissection d) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < d.layerCount(); i++) {
      if (i > 1) {
        sb.append(':');
      }
      sb.append(d.dissector(i).name());
    }
    return sb.toString();
  }
}
