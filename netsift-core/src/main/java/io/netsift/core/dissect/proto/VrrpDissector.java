package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;

/**
 * Virtual Router Redundancy Protocol, version 2 (<a href="https://www.rfc-editor.org/rfc/rfc3768">RFC
 * 3768</a>) and 3 (<a href="https://www.rfc-editor.org/rfc/rfc5798">RFC 5798</a>).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Type  | Virtual Rtr ID|   Priority    | Count IP Addrs|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | v2: Auth Type | Adver Int     |          Checksum             |
 * | v3: Rsvd|  Max Adver Int      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        IPv4 (4 bytes) or IPv6 (16 bytes) addresses ...        |
 * | v2 only: Authentication Data (8 bytes)                        |
 * </pre>
 *
 * The checksum is verified as tshark does: version 2 over the message, version 3 with the
 * pseudo-header of RFC 5798 section 5.2.8 (addresses, length, protocol 112), over IPv4 too.
 */
public final class VrrpDissector extends Dissector implements Protocols.Registrable {
  public static final Field TYPEVER = Field.u8("vrrp.typever", "VRRP message version and type")
      .blurb("VRRP version and type");
  public static final Field VERSION = Field.u8("vrrp.version", "VRRP protocol version").mask(0xf0, 8)
      .blurb("VRRP version");
  public static final Field TYPE = Field.u8("vrrp.type", "VRRP packet type").mask(0x0f, 8)
      .labels(ValueNames.parse("1=Advertisement")).blurb("VRRP type");
  public static final Field VIRT_RTR_ID = Field.u8("vrrp.virt_rtr_id", "Virtual Rtr ID")
      .blurb("Virtual router this packet is reporting status for");
  public static final Field PRIO = Field.u8("vrrp.prio", "Priority")
      .blurb("Sending VRRP router's priority for the virtual router");
  public static final Field ADDR_COUNT = Field.u8("vrrp.addr_count", "Addr Count")
      .blurb("The number of addresses contained in this VRRP advertisement");
  public static final Field CHECKSUM = Field.u16("vrrp.checksum", "Checksum").hex()
      .blurb("Used to detect data corruption in the VRRP message");
  public static final Field CHECKSUM_STATUS = Field.u8("vrrp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field AUTH_TYPE = Field.u8("vrrp.auth_type", "Auth Type").labels(ValueNames.parse(
      "0=No Authentication|1=Simple Text Authentication [RFC 2338] / Reserved [RFC 3768]|"
          + "2=IP Authentication Header [RFC 2338] / Reserved [RFC 3768]|254=Cisco VRRP MD5 authentication"))
      .blurb("The authentication method being utilized");
  public static final Field ADVER_INT = Field.u8("vrrp.adver_int", "Adver Int")
      .blurb("Time interval (in seconds) between ADVERTISEMENTS");
  public static final Field RESERVED_MBZ = Field.u8("vrrp.reserved_mbz", "Reserved").mask(0xf0, 8)
      .blurb("Must be zero");
  public static final Field SHORT_ADVER_INT = Field.u16("vrrp.short_adver_int", "Adver Int").mask(0x0fff, 16)
      .blurb("Time interval (in centiseconds) between ADVERTISEMENTS");
  public static final Field IP_ADDR = Field.ipv4("vrrp.ip_addr", "IP Address")
      .blurb("IP address associated with the virtual router");
  public static final Field IPV6_ADDR = Field.ipv6("vrrp.ipv6_addr", "IPv6 Address")
      .blurb("IPv6 address associated with the virtual router");
  public static final Field AUTH_STRING = Field.string("vrrp.auth_string", "Authentication String");
  public static final Field MD5_AUTH_DATA = Field.bytes("vrrp.md5_auth_data", "MD5 Authentication Data")
      .blurb("MD5 digest string is contained.");

  static final Expert CHECKSUM_BAD = new Expert("vrrp.checksum_bad.expert", Severity.WARNING, "Checksum",
      "Bad checksum");

  private static final int HEADER = 8;
  private static final int AUTH_SIMPLE = 1;
  private static final int AUTH_MD5 = 254;
  private static final int AUTH_DATA = 8;
  private static final int MD5_DATA = 16;
  private static final int PROTOCOL = 112;

  private static final int A_STATUS = 0;
  private static final int A_V6 = 1;
  private static final int A_COUNT = 2;

  public VrrpDissector() {
    super("vrrp", "Virtual Router Redundancy Protocol", "VRRP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, PROTOCOL, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.annotate(layer, A_COUNT);
    d.payload(end, end);
    int ip = EnclosingIp.find(d, layer);
    boolean v6 = ip >= 0 && EnclosingIp.isV6(d, ip);
    d.setAnnotation(layer, A_V6, v6 ? 1 : 0);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    int cap = end - s;
    if (cap < 1) {
      d.malformed(layer);
      return null;
    }
    byte[] b = d.data();
    int status = Checksums.UNVERIFIED;
    if (cap >= reported && cap >= HEADER) {
      int version = Bytes.u8(b, s) >> 4;
      int sum = EnclosingIp.onesSum(b, s, cap, 0);
      if (version == 3 && ip >= 0) {
        sum = EnclosingIp.fold(sum + EnclosingIp.pseudoHeaderSum(d, ip, PROTOCOL, cap));
      }
      status = sum == 0xffff ? Checksums.GOOD : Checksums.BAD;
      if (status == Checksums.BAD) {
        int without = EnclosingIp.fold(sum + (~Bytes.u16(b, s + 6) & 0xffff));
        d.expert(layer, CHECKSUM_BAD, s + 6, 2,
            String.format("Bad checksum [should be 0x%04x]", ~without & 0xffff));
      }
    }
    d.setAnnotation(layer, A_STATUS, status);
    return null;
  }

  @Override
  public void fields(Tree t) {
    int typever = t.u8(0);
    t.uint(TYPEVER, 0, 1);
    t.enter();
    t.uint(VERSION, 0, 1);
    t.uint(TYPE, 0, 1);
    t.exit();
    t.uint(VIRT_RTR_ID, 1, 1);
    t.uint(PRIO, 2, 1);
    int count = (int) t.uint(ADDR_COUNT, 3, 1);
    int auth = 0;
    if (typever >> 4 == 3) {
      t.uint(RESERVED_MBZ, 4, 1);
      t.uint(SHORT_ADVER_INT, 4, 2);
    } else {
      auth = (int) t.uint(AUTH_TYPE, 4, 1);
      t.uint(ADVER_INT, 5, 1);
    }
    t.uint(CHECKSUM, 6, 2);
    t.number(CHECKSUM_STATUS, 6, 0, t.annotation(A_STATUS));
    boolean v6 = t.annotation(A_V6) != 0;
    int at = HEADER;
    for (int i = 0; i < count; i++) {
      t.bytes(v6 ? IPV6_ADDR : IP_ADDR, at, v6 ? 16 : 4);
      at += v6 ? 16 : 4;
    }
    if (auth == AUTH_SIMPLE) {
      t.object(AUTH_STRING, at, AUTH_DATA, t.asciiz(at, AUTH_DATA));
    } else if (auth == AUTH_MD5 && t.has(at, MD5_DATA)) {
      t.bytes(MD5_AUTH_DATA, at, MD5_DATA);
    }
  }


  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "VRRP";
    c.info.setLength(0);
    if (t.has(0, 1)) {
      c.info.append("Announcement (v").append(t.u8(0) >> 4).append(')');
    }
  }
}
