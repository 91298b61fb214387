package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * FDDI MAC frames (ANSI X3.139; LINKTYPE_FDDI, 10) as libpcap hands them over: the frame control
 * byte and the two addresses, without the preamble, delimiters and FCS.
 *
 * <pre>
 * +----+-------------------+-------------------+--------------
 * | FC | destination (6)   | source (6)        | LLC (async LLC frames) or data
 * +----+-------------------+-------------------+--------------
 * FC: class/length/format in the high nibble, then a priority (async LLC, 3 bits) or a
 *     subtype (SMT and MAC frames, 4 bits)
 * </pre>
 *
 * Wireshark opens this link type as "FDDI with bit-swapped MAC addresses": every address byte is
 * shown with its bits in reverse order (the order they are sent on the ring), so the fields carry
 * the swapped bytes as their value. Only asynchronous LLC frames (FC 0x50-0x5f) are handed to LLC,
 * as tshark does; every other frame class stays data.
 */
public final class FddiDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> CLASSES = ValueNames.parse(
      "0x0=Void|0x4=SMT|0x5=Async LLC|0x6=Implementor Async|0x8=Nonrestricted Token|0xc=MAC|"
          + "0xd=Sync LLC|0xe=Implementor Sync");

  public static final Field FC = Field.u8("fddi.fc", "Frame Control").hex().labels(FddiDissector::frameType);
  public static final Field FC_CLF = Field.u8("fddi.fc.clf", "Class/Length/Format").hex().mask(0xf0, 8)
      .labels(v -> CLASSES.getOrDefault(v, "Unknown"));
  public static final Field FC_PRIO = Field.u8("fddi.fc.prio", "Priority").mask(0x07, 8);
  public static final Field FC_SMT_SUBTYPE = Field.u8("fddi.fc.smt_subtype", "SMT Subtype").mask(0x0f, 8)
      .labels(v -> v == 1 ? "Info" : v == 15 ? "Next Station Address" : "Unknown");
  public static final Field FC_MAC_SUBTYPE = Field.u8("fddi.fc.mac_subtype", "MAC Subtype").mask(0x0f, 8)
      .labels(v -> v == 2 ? "Beacon" : v == 3 ? "Claim" : "Unknown");
  public static final Field DST = Field.ether("fddi.dst", "Destination").blurb("Destination Hardware Address");
  public static final Field DST_HIDDEN = Field.ether("fddi.dst", "Destination").hidden();
  public static final Field SRC = Field.ether("fddi.src", "Source");
  public static final Field SRC_HIDDEN = Field.ether("fddi.src", "Source").hidden();
  public static final Field ADDR = Field.ether("fddi.addr", "Source or Destination Address").hidden()
      .blurb("Source or Destination Hardware Address");

  private static final int HEADER = 13;

  public FddiDissector() {
    super("fddi", "Fiber Distributed Data Interface", "FDDI");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.FDDI, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int fc = d.data()[s] & 0xff;
    d.payload(s + HEADER, d.end(layer));
    return (fc & 0xf0) == 0x50 ? d.protocols().byName("llc") : null;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 1)) {
      return;
    }
    int fc = t.u8(0);
    t.uint(FC, 0, 1);
    t.enter();
    t.uint(FC_CLF, 0, 1);
    if (fc >= 0x50 && fc <= 0x57) {
      t.uint(FC_PRIO, 0, 1);
    } else if ((fc & 0xf0) == 0x40) {
      t.uint(FC_SMT_SUBTYPE, 0, 1);
    } else if (fc > 0xc0 && fc <= 0xcf) {
      t.uint(FC_MAC_SUBTYPE, 0, 1);
    }
    t.exit();
    // tshark reports each address visibly, then hidden as fddi.addr, once more as a hidden copy
    // of itself and again as fddi.addr: four items per address, all with the swapped value.
    address(t, 1, DST, DST_HIDDEN);
    address(t, 7, SRC, SRC_HIDDEN);
  }

  private static void address(Tree t, int rel, Field visible, Field hidden) {
    if (!t.has(rel, 6)) {
      return;
    }
    byte[] mac = swapped(t.data(), t.start() + rel);
    t.object(visible, rel, 6, mac);
    t.object(ADDR, rel, 6, mac);
    t.object(hidden, rel, 6, mac);
    t.object(ADDR, rel, 6, mac);
  }

  /** The six address bytes at {@code at}, each with its bit order reversed. */
  static byte[] swapped(byte[] b, int at) {
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) (Integer.reverse(b[at + i] & 0xff) >>> 24);
    }
    return out;
  }

  /** tshark's name of a frame control value (the tree's summary and the Info column). */
  static String frameType(long fc) {
    int low = (int) fc & 0x0f;
    switch ((int) fc >> 4) {
      case 0x0: return fc == 0 ? "Void frame" : "Unknown frame type";
      case 0x4: return low == 1 ? "SMT info" : low == 15 ? "SMT Next station address" : "SMT frame, control " + hex(low);
      case 0x5: return low < 8 ? "Async LLC frame, priority " + low : "Async LLC frame, control " + hex(low);
      case 0x6: return "Implementor async frame, control " + hex(low);
      case 0x8: return low == 0 ? "Nonrestricted token" : "Unknown frame type";
      case 0xc:
        switch (low) {
          case 0: return "Restricted token";
          case 2: return "MAC beacon";
          case 3: return "MAC claim token";
          default: return "MAC frame, control " + hex(low);
        }
      case 0xd: return low == 0 ? "Sync LLC frame" : "Sync LLC frame, control " + hex(low);
      case 0xe: return "Implementor sync frame, control " + hex(low);
      default: return "Unknown frame type";
    }
  }

  private static String hex(int nibble) {
    return Integer.toHexString(nibble);
  }

  @Override
  public String label(Tree t) {
    return t.has(0, 1) ? longName() + ", " + frameType(t.u8(0)) : longName();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.has(0, 1)) {
      c.setInfo(frameType(t.u8(0)));
    }
    if (t.has(1, 6)) {
      c.destination = Addresses.mac(swapped(t.data(), t.start() + 1), 0);
    }
    if (t.has(7, 6)) {
      c.source = Addresses.mac(swapped(t.data(), t.start() + 7), 0);
    }
  }
}
