package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * ITU-T T.38 fax relay over UDP (UDPTL framing), <a href="https://www.itu.int/rec/T-REC-T.38">T.38</a>
 * annex with the ASN.1 module T38(2002), aligned PER:
 *
 * <pre>
 * UDPTLPacket ::= SEQUENCE {
 *   seq-number          INTEGER (0..65535),
 *   primary-ifp-packet  open type (IFPPacket),
 *   error-recovery      CHOICE { secondary-ifp-packets SEQUENCE OF open type (IFPPacket),
 *                                fec-info SEQUENCE { fec-npackets INTEGER, fec-data SEQUENCE OF OCTET STRING } } }
 * IFPPacket ::= SEQUENCE { type-of-msg CHOICE { t30-indicator ENUMERATED {.., ...},
 *                                               t30-data ENUMERATED {.., ...} },
 *                          data-field SEQUENCE OF SEQUENCE { field-type ENUMERATED {8 values},
 *                                                            field-data OCTET STRING (SIZE (1..65535)) OPTIONAL } OPTIONAL }
 * </pre>
 *
 * tshark reaches T.38 only through conversations SDP announces ({@code m=image PORT udptl t38},
 * see {@link SdpDissector}); the conversation's setup frame is shown as {@code t38.setup-frame}.
 * The field-type enumeration is read as the pre-corrigendum (1998) module has it, without an
 * extension bit, tshark's default. Decoding follows Wireshark's PER helpers where they differ from
 * X.691: an open type's contents are read from the packet as a whole (not bounded by the open
 * type's length), what they cannot decode is a "something unknown here" note that ends the
 * packet as malformed, and a read past the packet ends it as malformed too ({@link PerReader}).
 * Not done: the reassembly of HDLC and non-ECM data across packets, and T.38 over TCP.
 */
public final class T38Dissector extends Dissector {
  public static final Field UDPTL_PACKET = Field.none("t38.UDPTLPacket_element", "UDPTLPacket");
  public static final Field SETUP = Field.string("t38.setup", "Stream setup").generated();
  public static final Field SETUP_FRAME = Field.frameNum("t38.setup-frame", "Stream frame").generated();
  public static final Field SETUP_METHOD = Field.string("t38.setup-method", "Stream Method").generated();
  public static final Field SEQ_NUMBER = Field.u32("t38.seq_number", "seq-number");
  public static final Field PRIMARY = Field.none("t38.primary_ifp_packet_element", "primary-ifp-packet");
  public static final Field TYPE_OF_MSG = Field.u32("t38.type_of_msg", "type-of-msg")
      .labels(ValueNames.parse("0=t30-indicator|1=t30-data"));
  static final Map<Long, String> INDICATORS = ValueNames.parse(
      """
      0=no-signal|1=cng|2=ced|3=v21-preamble|4=v27-2400-training|5=v27-4800-training|6=v29-7200-training|
      7=v29-9600-training|8=v17-7200-short-training|9=v17-7200-long-training|10=v17-9600-short-training|
      11=v17-9600-long-training|12=v17-12000-short-training|13=v17-12000-long-training|
      14=v17-14400-short-training|15=v17-14400-long-training|16=v8-ansam|17=v8-signal|
      18=v34-cntl-channel-1200|19=v34-pri-channel|20=v34-CC-retrain|21=v33-12000-training|22=v33-14400-training""");
  public static final Field T30_INDICATOR = Field.u32("t38.t30_indicator", "t30-indicator").labels(INDICATORS);
  static final Map<Long, String> DATA_RATES = ValueNames.parse(
      "0=v21|1=v27-2400|2=v27-4800|3=v29-7200|4=v29-9600|5=v17-7200|6=v17-9600|7=v17-12000|8=v17-14400|9=v8|"
          + "10=v34-pri-rate|11=v34-CC-1200|12=v34-pri-ch|13=v33-12000|14=v33-14400");
  public static final Field T30_DATA = Field.u32("t38.t30_data", "t30-data").labels(DATA_RATES);
  public static final Field DATA_FIELD = Field.u32("t38.data_field", "data-field");
  public static final Field DATA_FIELD_ITEM = Field.none("t38.Data_Field_item_element", "Data-Field item");
  static final Map<Long, String> FIELD_TYPES = ValueNames.parse(
      "0=hdlc-data|1=hdlc-sig-end|2=hdlc-fcs-OK|3=hdlc-fcs-BAD|4=hdlc-fcs-OK-sig-end|5=hdlc-fcs-BAD-sig-end|"
          + "6=t4-non-ecm-data|7=t4-non-ecm-sig-end|8=cm-message|9=jm-message|10=ci-message|11=v34rate");
  public static final Field FIELD_TYPE = Field.u32("t38.field_type", "field-type").labels(FIELD_TYPES);
  public static final Field FIELD_DATA = Field.bytes("t38.field_data", "field-data");
  public static final Field ERROR_RECOVERY = Field.u32("t38.error_recovery", "error-recovery")
      .labels(ValueNames.parse("0=secondary-ifp-packets|1=fec-info"));
  public static final Field SECONDARY = Field.u32("t38.secondary_ifp_packets", "secondary-ifp-packets");
  public static final Field SECONDARY_ITEM = Field.none("t38.secondary_ifp_packets_item_element",
      "secondary-ifp-packets item");
  public static final Field FEC_INFO = Field.none("t38.fec_info_element", "fec-info");
  public static final Field FEC_NPACKETS = Field.of("t38.fec_npackets", "fec-npackets", FieldType.INT32);
  public static final Field FEC_DATA = Field.u32("t38.fec_data", "fec-data");
  public static final Field FEC_DATA_ITEM = Field.bytes("t38.fec_data_item", "fec-data item");

  /** PER's notes, which tshark raises in T.38's layer. */
  static final io.netsift.core.dissect.Expert PER_UNDECODED = PerReader.UNDECODED;
  static final io.netsift.core.dissect.Expert PER_SIZE_VALUE = PerReader.SIZE_VALUE;

  public T38Dissector() {
    super("t38", "ITU-T Recommendation T.38", "T.38");
  }

  /** The conversations SDP set up, "address/port" to the frame that set each up last. */
  static final class Setups {
    final Map<String, Long> frames = new HashMap<>();
  }

  /** Records that SDP in the current frame set up a T.38 conversation on {@code address} port {@code port}. */
  void setUp(Dissection d, String address, int port) {
    d.expect(io.netsift.core.dissect.Protocols.Table.UDP_PORT, address, port, this);
    d.state(this, Setups::new).frames.put(address + "/" + port, d.number());
  }

  private static final int A_SETUP = 0;

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, 1);
    int udp = Transport.find(d, layer);
    int ip = Transport.ip(d, udp);
    Setups setups = d.state(this, Setups::new);
    // The conversation UDP found: the destination endpoint's first, as tshark looks it up.
    Long frame = setups.frames.get(Transport.dstAddress(d, ip) + "/" + Transport.dstPort(d, udp));
    if (frame == null) {
      frame = setups.frames.get(Transport.srcAddress(d, ip) + "/" + Transport.srcPort(d, udp));
    }
    d.setAnnotation(layer, A_SETUP, frame == null ? 0 : frame);
    d.payload(end, end);
    if (decode(d.data(), s, end, null).malformed) {
      d.malformed(layer);
    }
    return null;
  }

  /** What decoding a packet gave: the Info text and whether it ended malformed. */
  static final class Result {
    final StringBuilder info = new StringBuilder("UDP: UDPTLPacket ");
    boolean malformed;
  }

  static Result decode(byte[] b, int s, int end, Tree t) {
    Result r = new Result();
    PerReader per = new PerReader(b, s, end, t, r.info);
    try {
      int off = udptlPacket(per, 0, r);
      if (((off + 7) >> 3) < end - s) {
        if (t != null) {
          t.text((off + 7) >> 3, end - s - ((off + 7) >> 3), "[MALFORMED PACKET or wrong preference settings]");
        }
        r.info.append(" [Malformed?]");
      }
    } catch (PerReader.Stop e) {
      r.malformed = true;
    }
    return r;
  }

  private static int udptlPacket(PerReader per, int off, Result r) {
    per.element(UDPTL_PACKET, off);
    per.enter();
    try {
      int start = off;
      off = per.constrainedInteger(off, 0, 65535, SEQ_NUMBER);
      r.info.append(String.format("Seq=%05d ", per.value));
      off = per.openType(off, (o, primary) -> ifpPacket(per, o, PRIMARY, true));
      int choiceAt = off;
      off = per.constrainedInteger(off, 0, 1, null);
      int choice = (int) per.value;
      per.number(ERROR_RECOVERY, choiceAt >> 3, 0, choice);
      per.enter();
      try {
        if (choice == 0) {
          off = per.sequenceOf(off, SECONDARY, o -> per.openType(o, (p, x) -> ifpPacket(per, p, SECONDARY_ITEM, false)));
        } else {
          off = fecInfo(per, off);
        }
      } finally {
        per.exit();
      }
      return off;
    } finally {
      per.exit();
    }
  }

  private static int fecInfo(PerReader per, int off) {
    per.element(FEC_INFO, off);
    per.enter();
    try {
      off = per.integer(off, FEC_NPACKETS);
      return per.sequenceOf(off, FEC_DATA, o -> per.octetString(o, 0, -1, FEC_DATA_ITEM));
    } finally {
      per.exit();
    }
  }

  /** An IFPPacket starting at bit {@code off}, as the element {@code f}; Info only for the primary one. */
  private static int ifpPacket(PerReader per, int off, Field f, boolean primary) {
    per.element(f, off);
    per.enter();
    try {
      boolean data = per.bit(off++);
      int choiceAt = off;
      off = per.constrainedInteger(off, 0, 1, null);
      int choice = (int) per.value;
      per.number(TYPE_OF_MSG, choiceAt >> 3, 0, choice);
      per.enter();
      try {
        if (choice == 0) {
          off = per.enumerated(off, 16, true, T30_INDICATOR);
          if (primary) {
            per.info.append(" t30ind: ").append(INDICATORS.getOrDefault(per.value, "<unknown>"));
          }
        } else {
          off = per.enumerated(off, 9, true, T30_DATA);
          if (primary) {
            per.info.append(" data:").append(DATA_RATES.getOrDefault(per.value, "<unknown>")).append(':');
          }
        }
      } finally {
        per.exit();
      }
      if (data) {
        off = per.sequenceOf(off, DATA_FIELD, o -> dataFieldItem(per, o, primary));
      }
      return off;
    } finally {
      per.exit();
    }
  }

  private static int dataFieldItem(PerReader per, int off, boolean primary) {
    per.element(DATA_FIELD_ITEM, off);
    per.enter();
    try {
      boolean hasData = per.bit(off++);
      off = per.enumerated(off, 8, false, FIELD_TYPE);
      if (primary) {
        per.info.append(' ').append(FIELD_TYPES.getOrDefault(per.value, "<unknown>"));
      }
      if (hasData) {
        off = per.octetString(off, 1, 65535, FIELD_DATA);
        if (primary) {
          per.info.append('[').append(per.hex(Math.min(per.lastLength, 7)))
              .append(per.lastLength < 8 ? "]" : "...]");
        }
      }
      return off;
    } finally {
      per.exit();
    }
  }

  @Override
  public void fields(Tree t) {
    long setup = t.annotation(A_SETUP);
    if (setup > 0) {
      t.generatedObject(SETUP, "");
      t.enter();
      t.generated(SETUP_FRAME, setup);
      t.generatedObject(SETUP_METHOD, "SDP");
      t.exit();
    }
    decode(t.data(), t.start(), t.start() + t.length(), t);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo(decode(t.data(), t.start(), t.start() + t.length(), null).info.toString());
  }
}
