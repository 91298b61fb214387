package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Generic Routing Encapsulation, <a href="https://www.rfc-editor.org/rfc/rfc2784">RFC 2784</a>
 * with the key and sequence number of <a href="https://www.rfc-editor.org/rfc/rfc2890">RFC
 * 2890</a>, the routing of RFC 1701 and the enhanced GRE of PPTP (RFC 2637, version 1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Checksum (optional)      |       Offset (optional)       |  C or R
 * |                         Key (optional)                        |  K
 * |                    Sequence Number (optional)                 |  S
 * |                 Acknowledgment Number (optional)              |  A, version 1
 * |                         Routing (optional)                    |  R
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The protocol type is an EtherType, but as in Wireshark it goes through GRE's own table: the
 * inner protocol follows directly (no {@code ethertype} hand-off layer), 0x6558 is a whole
 * Ethernet frame, 0x88be/0x22eb ERSPAN, 0x8909 Cisco MetaData, 0x880b PPP and 0x2000 CDP (the
 * last two looked up by name, as other issues supply them).
 */
public final class GreDissector extends Dissector implements Protocols.Registrable {
  static final Map<Long, String> TYPES = ValueNames.parse("0x0000=Possible GRE keepalive packet|0x880b=PPP|0x0800=IP|"
      + "0x0806=ARP|0x00fe=OSI|0x883e=WCCP|0x2000=CDP (Cisco)|0x2001=NHRP|0x88be=ERSPAN|0x22eb=ERSPAN III|"
      + "0x6400=MIKROTIK EoIP|0x4321=AIROHIVE AP AP|0x8137=IPX|0x6558=Transparent Ethernet bridging|"
      + "0x6559=Frame Relay|0x86dd=IPv6|0x8847=MPLS label switched packet|0x894f=Network Service Header|"
      + "0x8881=CDMA2000 A10 Unstructured byte stream|0x88d2=CDMA2000 A10 3GPP2 Packet|0x8909=CiscoMetaData");

  public static final Field PROTO = Field.u16("gre.proto", "Protocol Type").hex()
      .labels(v -> TYPES.getOrDefault(v, "Unknown"))
      .blurb("The protocol that is GRE encapsulated");
  public static final Field FLAGS_AND_VERSION = Field.u16("gre.flags_and_version", "Flags and Version").hex()
      .blurb("The GRE flags are encoded in the first two octets");
  public static final Field FLAG_CHECKSUM = Field.bool("gre.flags.checksum", "Checksum Bit").mask(0x8000, 16)
      .states("Yes", "No").blurb("Indicates if the Checksum field is present");
  public static final Field FLAG_ROUTING = Field.bool("gre.flags.routing", "Routing Bit").mask(0x4000, 16)
      .states("Yes", "No").blurb("Indicates if the Routing and Checksum/Offset field are present");
  public static final Field FLAG_KEY = Field.bool("gre.flags.key", "Key Bit").mask(0x2000, 16)
      .states("Yes", "No").blurb("Indicates if the Key field is present");
  public static final Field FLAG_SEQUENCE = Field.bool("gre.flags.sequence_number", "Sequence Number Bit")
      .mask(0x1000, 16).states("Yes", "No").blurb("Indicates if the Sequence Number field is present");
  public static final Field FLAG_STRICT = Field.bool("gre.flags.strict_source_route", "Strict Source Route Bit")
      .mask(0x0800, 16).states("Yes", "No");
  public static final Field FLAG_RECURSION = Field.u16("gre.flags.recursion_control", "Recursion control")
      .mask(0x0700, 16);
  public static final Field FLAG_ACK = Field.bool("gre.flags.ack", "Acknowledgment").mask(0x0080, 16)
      .states("Yes", "No").blurb("Indicates if the packet contains an Acknowledgment Number to be used for "
          + "acknowledging previously transmitted data");
  public static final Field FLAG_RESERVED = Field.u16("gre.flags.reserved", "Flags (Reserved)").mask(0x00f8, 16);
  /** Version 1 keeps the A bit out of the reserved bits. */
  private static final Field FLAG_RESERVED_PPP = Field.u16("gre.flags.reserved", "Flags (Reserved)").mask(0x0078, 16);
  public static final Field VERSION = Field.u16("gre.flags.version", "Version").mask(0x0007, 16)
      .labels(ValueNames.parse("0=GRE|1=Enhanced GRE"));
  public static final Field CHECKSUM = Field.u16("gre.checksum", "Checksum").hex()
      .blurb("The Checksum field contains the IP (one's complement) checksum of the GRE header and the payload packet");
  public static final Field CHECKSUM_STATUS = Field.u8("gre.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field OFFSET = Field.u16("gre.offset", "Offset")
      .blurb("The offset field indicates the octet offset from the start of the Routing field to the first octet "
          + "of the active Source Route Entry to be examined");
  public static final Field KEY = Field.u32("gre.key", "Key").hex()
      .blurb("The Key field contains a four octet number which was inserted by the encapsulator");
  public static final Field KEY_PAYLOAD_LENGTH = Field.u16("gre.key.payload_length", "Payload Length")
      .blurb("Size of the payload, not including the GRE header");
  public static final Field KEY_CALL_ID = Field.u16("gre.key.call_id", "Call ID")
      .blurb("Contains the Peer's Call ID for the session to which this packet belongs.");
  public static final Field SEQUENCE = Field.u32("gre.sequence_number", "Sequence Number")
      .blurb("The Sequence Number field contains an unsigned 32 bit integer which is inserted by the encapsulator");
  public static final Field ACK_NUMBER = Field.u32("gre.ack_number", "Acknowledgment Number")
      .blurb("Contains the sequence number of the highest numbered GRE packet received by the sending peer for this "
          + "user session");
  public static final Field ROUTING = Field.none("gre.routing", "Routing")
      .blurb("The Routing field is a list of Source Route Entries (SREs)");
  public static final Field ROUTING_AF = Field.u16("gre.routing.address_family", "Address Family");
  public static final Field ROUTING_SRE_OFFSET = Field.u8("gre.routing.sre_offset", "SRE Offset");
  public static final Field ROUTING_SRE_LENGTH = Field.u8("gre.routing.src_length", "SRE Length")
      .blurb("The SRE Length field contains the number of octets in the SRE");
  public static final Field ROUTING_INFORMATION = Field.bytes("gre.routing.information", "Routing Information");
  static final Expert CHECKSUM_INCORRECT = new Expert("gre.checksum.incorrect", Expert.Severity.WARNING,
      "Checksum", "Incorrect GRE Checksum");

  static final int TYPE_ETHERNET = 0x6558;
  static final int TYPE_ERSPAN = 0x88be;
  static final int TYPE_ERSPAN_III = 0x22eb;
  static final int TYPE_CMD = 0x8909;
  static final int TYPE_PPP = 0x880b;
  static final int TYPE_CDP = 0x2000;
  static final int F_CHECKSUM = 0x8000;
  static final int F_ROUTING = 0x4000;
  static final int F_KEY = 0x2000;
  static final int F_SEQUENCE = 0x1000;
  static final int F_ACK = 0x0080;
  private static final int HEADER = 4;

  // Annotation: the checksum status (Checksums constants).
  private static final int A_STATUS = 0;

  public GreDissector() {
    super("gre", "Generic Routing Encapsulation", "GRE");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 47, this);
  }

  /** Length of the header that {@code flags} announce (the routing list not included). */
  private static int fixedLength(int flags) {
    int n = HEADER;
    if ((flags & (F_CHECKSUM | F_ROUTING)) != 0) {
      n += 4;
    }
    if ((flags & F_KEY) != 0) {
      n += 4;
    }
    if ((flags & F_SEQUENCE) != 0) {
      n += 4;
    }
    if ((flags & 7) == 1 && (flags & F_ACK) != 0) {
      n += 4;
    }
    return n;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, 1);
    d.setAnnotation(layer, A_STATUS, Checksums.UNVERIFIED);
    d.payload(end, end);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int flags = Bytes.u16(b, s);
    int type = Bytes.u16(b, s + 2);
    int off = fixedLength(flags);
    if (end - s < off) {
      Truncation.report(d, layer, s, off);
      return null;
    }
    if ((flags & F_ROUTING) != 0) {
      // RFC 1701 section 2.1: SREs until one of length zero.
      while (true) {
        if (end - s < off + 4) {
          Truncation.report(d, layer, s, off + 4);
          return null;
        }
        int sreLength = Bytes.u8(b, s + off + 3);
        off += 4 + sreLength;
        if (sreLength == 0) {
          break;
        }
      }
      if (off > end - s) {
        Truncation.report(d, layer, s, off);
        return null;
      }
    }
    if ((flags & F_CHECKSUM) != 0 && d.capturedLength() >= d.originalLength()) {
      // RFC 2784 section 2.5: over the GRE header and payload, the checksum field taken as zero.
      int sum = EnclosingIp.onesSum(b, s + 6, end - s - 6, EnclosingIp.onesSum(b, s, 4, 0));
      int expected = ~sum & 0xffff;
      boolean good = expected == Bytes.u16(b, s + 4);
      d.setAnnotation(layer, A_STATUS, good ? Checksums.GOOD : Checksums.BAD);
      if (!good) {
        d.expert(layer, CHECKSUM_INCORRECT, s + 4, 2,
            String.format("Incorrect GRE Checksum [should be 0x%04x]", expected));
      }
    }
    d.payload(s + off, end);
    if (s + off >= end) {
      return null;
    }
    return next(d, type);
  }

  /** The dissector GRE's protocol type leads to (Wireshark's "gre.proto" table). */
  static Dissector next(Dissection d, int type) {
    Protocols p = d.protocols();
    switch (type) {
      case TYPE_ETHERNET: return p.byName("eth");
      case TYPE_ERSPAN:
      case TYPE_ERSPAN_III: return p.byName("erspan");
      case TYPE_CMD: return p.byName("cmd");
      case TYPE_PPP: return p.byName("ppp"); // null (data) until a PPP dissector is registered
      case TYPE_CDP: return p.byName("cdp");
      case 0: return null;
      default: return p.etherType(type);
    }
  }

  @Override
  public void fields(Tree t) {
    int flags = t.u16(0);
    boolean v1 = (flags & 7) == 1;
    t.uint(FLAGS_AND_VERSION, 0, 2);
    t.enter();
    t.uint(FLAG_CHECKSUM, 0, 2);
    t.uint(FLAG_ROUTING, 0, 2);
    t.uint(FLAG_KEY, 0, 2);
    t.uint(FLAG_SEQUENCE, 0, 2);
    t.uint(FLAG_STRICT, 0, 2);
    t.uint(FLAG_RECURSION, 0, 2);
    if (v1) {
      t.uint(FLAG_ACK, 0, 2);
      t.uint(FLAG_RESERVED_PPP, 0, 2);
    } else {
      t.uint(FLAG_RESERVED, 0, 2);
    }
    t.uint(VERSION, 0, 2);
    t.exit();
    t.uint(PROTO, 2, 2);
    int off = HEADER;
    if ((flags & (F_CHECKSUM | F_ROUTING)) != 0) {
      // Either bit brings both words (RFC 1701 section 2.1); without C the checksum is unverified.
      t.uint(CHECKSUM, off, 2);
      t.number(CHECKSUM_STATUS, off, 0, t.annotation(A_STATUS));
      t.uint(OFFSET, off + 2, 2);
      off += 4;
    }
    if ((flags & F_KEY) != 0) {
      if (v1) {
        t.uint(KEY_PAYLOAD_LENGTH, off, 2);
        t.uint(KEY_CALL_ID, off + 2, 2);
      } else {
        t.uint(KEY, off, 4);
      }
      off += 4;
    }
    if ((flags & F_SEQUENCE) != 0) {
      t.uint(SEQUENCE, off, 4);
      off += 4;
    }
    if (v1 && (flags & F_ACK) != 0) {
      t.uint(ACK_NUMBER, off, 4);
      off += 4;
    }
    if ((flags & F_ROUTING) != 0) {
      // Each source route entry is a "Routing" item, its fields beside it, as in tshark.
      while (t.has(off, 4)) {
        int sre = t.u8(off + 3);
        t.object(ROUTING, off, 4 + sre, null);
        t.uint(ROUTING_AF, off, 2);
        t.uint(ROUTING_SRE_OFFSET, off + 2, 1);
        t.uint(ROUTING_SRE_LENGTH, off + 3, 1);
        if (sre == 0) {
          break;
        }
        t.bytes(ROUTING_INFORMATION, off + 4, sre);
        off += 4 + sre;
      }
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(2, 2)) {
      return longName();
    }
    String n = TYPES.get((long) t.u16(2));
    return longName() + " (" + (n != null ? n : String.format("0x%04x - unknown", t.u16(2))) + ")";
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(2, 2)) {
      c.setInfo("");
      return;
    }
    String n = TYPES.get((long) t.u16(2));
    c.setInfo("Encapsulated " + (n != null ? n : String.format("0x%04x (unknown)", t.u16(2))));
  }
}
