package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Cisco's Dynamic Trunk Protocol, reached from LLC SNAP under Cisco's OUI with PID 0x2004: a
 * version byte, then type-length-value records (two-byte type, two-byte length counting the
 * four header bytes): the VTP domain name, trunk status, trunk type and the sender's MAC.
 *
 * <pre>
 * +---------+------+--------+---------+------+--------+-------
 * | version | type | length | value   | type | length | ...
 * +---------+------+--------+---------+------+--------+-------
 * </pre>
 */
public final class DtpDissector extends Dissector {
  private static final Map<Long, String> TLV_TYPES =
      ValueNames.parse("1=Domain|2=Trunk Status|3=Trunk Type|4=Sender ID");
  private static final Map<Long, String> TOS = ValueNames.parse("0=Access|1=Trunk");
  private static final Map<Long, String> TAS = ValueNames.parse("1=On|2=Off|3=Desirable|4=Auto");
  private static final Map<Long, String> TOT = ValueNames.parse("1=Native|2=ISL|5=802.1Q");
  private static final Map<Long, String> TAT = ValueNames.parse("0=Negotiated|1=Native|2=ISL|5=802.1Q");

  public static final Field VERSION = Field.u8("dtp.version", "Version");
  public static final Field DOMAIN = Field.string("dtp.domain", "Domain");
  public static final Field TLV_TYPE = Field.u16("dtp.tlv_type", "Type").hex().labels(TLV_TYPES);
  public static final Field TLV_LEN = Field.u16("dtp.tlv_len", "Length");
  public static final Field TOS_F = Field.u8("dtp.tos", "Trunk Operating Status").hex().mask(0x80, 8).labels(TOS);
  public static final Field TAS_F = Field.u8("dtp.tas", "Trunk Administrative Status").hex().mask(0x07, 8)
      .labels(TAS);
  public static final Field TOT_F = Field.u8("dtp.tot", "Trunk Operating Type").hex().mask(0xe0, 8).labels(TOT);
  public static final Field TAT_F = Field.u8("dtp.tat", "Trunk Administrative Type").hex().mask(0x07, 8)
      .labels(TAT);
  public static final Field SENDERID = Field.ether("dtp.senderid", "Sender ID").blurb("MAC Address of neighbor");
  public static final Field DATA = Field.ether("dtp.data", "Data");

  static final Expert TOO_SHORT = new Expert("dtp.tlv_len.too_short", Severity.ERROR, "Malformed",
      "Indicated length is less than the minimum length");
  static final Expert INVALID = new Expert("dtp.tlv_len.invalid", Severity.ERROR, "Malformed",
      "Indicated length does not correspond to this record type");
  static final Expert TRUNCATED = new Expert("dtp.truncated", Severity.ERROR, "Malformed",
      "DTP message is truncated prematurely");

  private static final int DOMAIN_T = 1;
  private static final int STATUS_T = 2;
  private static final int TYPE_T = 3;
  private static final int SENDER_T = 4;

  public DtpDissector() {
    super("dtp", "Dynamic Trunk Protocol", "DTP");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    int at = s + 1;
    if (at > end) {
      Truncation.report(d, layer, s, 1);
      return null;
    }
    while (at < end) {
      if (end - at < 4) {
        d.expert(layer, TRUNCATED, s, end - s, TRUNCATED.message());
        return null;
      }
      int type = Bytes.u16(b, at);
      int length = Bytes.u16(b, at + 2);
      if (length <= 4) {
        d.expert(layer, TOO_SHORT, at + 2, 2, TOO_SHORT.message());
        return null;
      }
      int value = length - 4;
      boolean ok = switch (type) {
        case DOMAIN_T -> value <= 33;
        case STATUS_T, TYPE_T -> value == 1;
        case SENDER_T -> value == 6;
        default -> true;
      };
      if (!ok) {
        d.expert(layer, INVALID, at + 2, 2, INVALID.message());
      }
      at += length;
      if (at > end || (ok && type == DOMAIN_T && at - 1 > end)) {
        Truncation.report(d, layer, s, at - s);
        return null;
      }
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 1);
    int at = 1;
    while (t.has(at, 4)) {
      int type = t.u16(at);
      int length = t.u16(at + 2);
      String name = TLV_TYPES.get((long) type);
      t.text(at, length, name != null ? name : String.format("Unknown TLV type: 0x%02x", type));
      t.enter();
      t.number(TLV_TYPE, at, 2, type);
      t.number(TLV_LEN, at + 2, 2, length);
      if (length <= 4) {
        t.exit();
        return;
      }
      int v = at + 4;
      int n = length - 4;
      switch (type) {
        case DOMAIN_T -> {
          if (n <= 33) {
            t.object(DOMAIN, v, n, t.asciiz(v, n));
          }
        }
        case STATUS_T -> {
          if (n == 1) {
            int x = t.u8(v);
            t.text(v, 1, "Value: " + pair(x >> 7, TOS, "operating status", x & 7, TAS, "administrative status", x));
            t.enter();
            t.uint(TOS_F, v, 1);
            t.uint(TAS_F, v, 1);
            t.exit();
          }
        }
        case TYPE_T -> {
          if (n == 1) {
            int x = t.u8(v);
            t.text(v, 1, "Value: " + pair(x >> 5, TOT, "operating type", x & 7, TAT, "administrative type", x));
            t.enter();
            t.uint(TOT_F, v, 1);
            t.uint(TAT_F, v, 1);
            t.exit();
          }
        }
        case SENDER_T -> {
          if (n == 6) {
            t.bytes(SENDERID, v, 6);
          }
        }
        default -> t.bytes(DATA, v, n);
      }
      t.exit();
      at += length;
    }
  }

  private static String pair(int op, Map<Long, String> ops, String opWhat, int adm, Map<Long, String> adms,
      String admWhat, int raw) {
    return ops.getOrDefault((long) op, "Unknown " + opWhat) + "/" + adms.getOrDefault((long) adm, "Unknown " + admWhat)
        + String.format(" (0x%02x)", raw);
  }

  @Override
  public String label(Tree t) {
    StringBuilder sb = new StringBuilder(longName());
    int at = 1;
    while (t.has(at, 4)) {
      int type = t.u16(at);
      int length = t.u16(at + 2);
      if (length <= 4) {
        break;
      }
      int v = at + 4;
      int n = length - 4;
      if (type == DOMAIN_T && n <= 33 && t.has(v, n)) {
        sb.append(": ").append(t.asciiz(v, n - 1));
      } else if (type == STATUS_T && n == 1 && t.has(v, 1)) {
        int x = t.u8(v);
        sb.append(" (Operating/Administrative): ")
            .append(pair(x >> 7, TOS, "operating status", x & 7, TAS, "administrative status", x));
      } else if (type == TYPE_T && n == 1 && t.has(v, 1)) {
        int x = t.u8(v);
        sb.append(" (Operating/Administrative): ")
            .append(pair(x >> 5, TOT, "operating type", x & 7, TAT, "administrative type", x));
      } else if (type == SENDER_T && n == 6 && t.has(v, 6)) {
        sb.append(": ");
        for (int k = 0; k < 6; k++) {
          sb.append(k > 0 ? ":" : "").append(String.format("%02x", t.u8(v + k)));
        }
      }
      at += length;
    }
    return sb.toString();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.setInfo("Dynamic Trunk Protocol");
  }
}
