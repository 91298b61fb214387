package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Spanning Tree BPDUs (IEEE 802.1D-2004 clause 9, LLC SAP 0x42): configuration, topology change
 * notification and rapid/multiple spanning tree BPDUs.
 *
 * <pre>
 * | protocol id (2) | version (1) | type (1) | flags (1) | root id (8) | root path cost (4) |
 * | bridge id (8) | port id (2) | message age (2) | max age (2) | hello (2) | forward delay (2) |
 * | version 1 length (1, RST/MST) | ...
 * </pre>
 *
 * Times are in 1/256 seconds and reported in seconds. Bridge identifiers are a 4-bit priority
 * (in steps of 4096), a 12-bit system id extension and a MAC address.
 */
public final class StpDissector extends Dissector implements Protocols.Registrable {
  public static final Field PROTOCOL = Field.u16("stp.protocol", "Protocol Identifier").hex()
      .labels(ValueNames.parse("0=Spanning Tree Protocol"));
  public static final Field VERSION = Field.u8("stp.version", "Protocol Version Identifier")
      .labels(ValueNames.parse("0=Spanning Tree|2=Rapid Spanning Tree|3=Multiple Spanning Tree|4=Shortest Path Tree"));
  public static final Field TYPE = Field.u8("stp.type", "BPDU Type").hex()
      .labels(ValueNames.parse("0x0=Configuration|0x2=Rapid/Multiple Spanning Tree|0x80=Topology Change Notification"));
  public static final Field FLAGS = Field.u8("stp.flags", "BPDU flags").hex();
  public static final Field FLAGS_TCACK = Field.bool("stp.flags.tcack", "Topology Change Acknowledgment").mask(0x80, 8)
      .states("Yes", "No");
  public static final Field FLAGS_AGREEMENT = Field.bool("stp.flags.agreement", "Agreement").mask(0x40, 8)
      .states("Yes", "No");
  public static final Field FLAGS_FORWARDING = Field.bool("stp.flags.forwarding", "Forwarding").mask(0x20, 8)
      .states("Yes", "No");
  public static final Field FLAGS_LEARNING = Field.bool("stp.flags.learning", "Learning").mask(0x10, 8)
      .states("Yes", "No");
  public static final Field FLAGS_PORT_ROLE = Field.u8("stp.flags.port_role", "Port Role").mask(0x0c, 8)
      .labels(ValueNames.parse("1=Alternate or Backup|2=Root|3=Designated"));
  public static final Field FLAGS_PROPOSAL = Field.bool("stp.flags.proposal", "Proposal").mask(0x02, 8)
      .states("Yes", "No");
  public static final Field FLAGS_TC = Field.bool("stp.flags.tc", "Topology Change").mask(0x01, 8)
      .states("Yes", "No");
  public static final Field ROOT_PRIO = Field.u16("stp.root.prio", "Root Bridge Priority");
  public static final Field ROOT_EXT = Field.u16("stp.root.ext", "Root Bridge System ID Extension");
  public static final Field ROOT_HW = Field.ether("stp.root.hw", "Root Bridge System ID");
  public static final Field ROOT_COST = Field.u32("stp.root.cost", "Root Path Cost");
  public static final Field BRIDGE_PRIO = Field.u16("stp.bridge.prio", "Bridge Priority");
  public static final Field BRIDGE_EXT = Field.u16("stp.bridge.ext", "Bridge System ID Extension");
  public static final Field BRIDGE_HW = Field.ether("stp.bridge.hw", "Bridge System ID");
  public static final Field PORT = Field.u16("stp.port", "Port identifier").hex();
  public static final Field MSG_AGE = Field.of("stp.msg_age", "Message Age", FieldType.DOUBLE);
  public static final Field MAX_AGE = Field.of("stp.max_age", "Max Age", FieldType.DOUBLE);
  public static final Field HELLO = Field.of("stp.hello", "Hello Time", FieldType.DOUBLE);
  public static final Field FORWARD = Field.of("stp.forward", "Forward Delay", FieldType.DOUBLE);
  public static final Field VERSION_1_LENGTH = Field.u8("stp.version_1_length", "Version 1 Length");

  private static final int TYPE_CONFIG = 0x00;
  private static final int TYPE_RST = 0x02;
  private static final int TYPE_TCN = 0x80;
  private static final int CONFIG_LENGTH = 35;
  private static final int RST_LENGTH = 36;

  public StpDissector() {
    super("stp", "Spanning Tree Protocol", "STP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LLC_SAP, 0x42, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    if (d.length(layer) < 4) {
      Truncation.report(d, layer, s, 4);
      return null;
    }
    if (garp(d)) {
      // GARP applications (GVRP, GMRP) share SAP 0x42; tshark hands them on by address.
      d.payload(s, d.end(layer));
      return null;
    }
    int type = Bytes.u8(d.data(), s + 3);
    int need = type == TYPE_TCN ? 4 : type == TYPE_RST ? RST_LENGTH : CONFIG_LENGTH;
    if (type == TYPE_RST && Bytes.u8(d.data(), s + 2) >= 3 && d.length(layer) >= 38) {
      need = d.length(layer); // MSTP: the version 3 part runs on; netsift does not walk it yet
    }
    if (d.length(layer) < need) {
      Truncation.report(d, layer, s, need);
      return null;
    }
    d.setEnd(layer, s + need);
    d.payload(s + need, s + need);
    return null;
  }

  /** Whether the frame went to a GARP application address, 01-80-c2-00-00-20 to -2f. */
  private static boolean garp(Dissection d) {
    int eth = d.find(d.protocols().byName("eth"), 0);
    if (eth < 0 || d.length(eth) < 6) {
      return false;
    }
    byte[] b = d.data();
    int p = d.start(eth);
    return Bytes.u32(b, p) == 0x0180c200L && (Bytes.u16(b, p + 4) & 0xfff0) == 0x0020;
  }

  @Override
  public void fields(Tree t) {
    if (garp(t.dissection())) {
      return;
    }
    t.uint(PROTOCOL, 0, 2);
    t.uint(VERSION, 2, 1);
    int type = (int) t.uint(TYPE, 3, 1);
    if (type == TYPE_TCN) {
      return;
    }
    boolean rapid = type == TYPE_RST;
    t.uint(FLAGS, 4, 1);
    t.enter();
    t.uint(FLAGS_TCACK, 4, 1);
    if (rapid) {
      t.uint(FLAGS_AGREEMENT, 4, 1);
      t.uint(FLAGS_FORWARDING, 4, 1);
      t.uint(FLAGS_LEARNING, 4, 1);
      t.uint(FLAGS_PORT_ROLE, 4, 1);
      t.uint(FLAGS_PROPOSAL, 4, 1);
    }
    t.uint(FLAGS_TC, 4, 1);
    t.exit();
    bridge(t, 5, ROOT_PRIO, ROOT_EXT, ROOT_HW);
    t.uint(ROOT_COST, 13, 4);
    bridge(t, 17, BRIDGE_PRIO, BRIDGE_EXT, BRIDGE_HW);
    t.uint(PORT, 25, 2);
    time(t, MSG_AGE, 27);
    time(t, MAX_AGE, 29);
    time(t, HELLO, 31);
    time(t, FORWARD, 33);
    if (rapid) {
      t.uint(VERSION_1_LENGTH, 35, 1);
    }
  }

  private static void bridge(Tree t, int off, Field prio, Field ext, Field hw) {
    int id = t.u16(off);
    t.number(prio, off, 2, id & 0xf000);
    t.number(ext, off, 2, id & 0x0fff);
    t.bytes(hw, off + 2, 6);
  }

  private static void time(Tree t, Field f, int off) {
    if (t.has(off, 2)) {
      t.object(f, off, 2, t.u16(off) / 256.0);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 4) || garp(t.dissection())) {
      c.setInfo("");
      return;
    }
    int type = t.u8(3);
    if (type == TYPE_TCN) {
      c.setInfo("Topology Change Notification");
      return;
    }
    if (!t.has(0, 27)) {
      c.setInfo("");
      return;
    }
    int flags = t.u8(4);
    StringBuilder sb = c.info;
    c.setInfo(type == TYPE_RST ? (t.u8(2) == 3 ? "MST. " : "RST. ") : "Conf. ");
    if ((flags & 0x01) != 0) {
      sb.append("TC + ");
    }
    int root = t.u16(5);
    sb.append("Root = ").append(root & 0xf000).append('/').append(root & 0x0fff).append('/')
        .append(Addresses.mac(t.data(), t.start() + 7))
        .append("  Cost = ").append(t.u32(13))
        .append("  Port = 0x").append(String.format("%04x", t.u16(25)));
  }
}
