package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * ISAKMP/IKEv1 (<a href="https://www.rfc-editor.org/rfc/rfc2408">RFC 2408</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc2409">RFC 2409</a>) and IKEv2
 * (<a href="https://www.rfc-editor.org/rfc/rfc7296">RFC 7296</a>) on UDP port 500, and on port
 * 4500 after {@link UdpEncapDissector}'s non-ESP marker.
 *
 * <pre>
 * +--------------------------------+--------------------------------+
 * |  Initiator SPI (8)             |  Responder SPI (8)             |
 * +--------+--------+--------+--------+-----------------------------+
 * | next   | ver    | exch   | flags  |  Message ID (4)             |
 * +--------+--------+--------+--------+-----------------------------+
 * |  Length (4)                       |  payloads: next (1), flags/reserved (1), length (2), body
 * </pre>
 *
 * The payload chain is walked as tshark 4.0 does without keys: SA payloads down to their
 * proposals and transforms (transform attributes are not decoded), key exchange, nonce,
 * notify, vendor ID and NAT-D bodies; IKEv2's Encrypted payload shows tshark's 4-byte IV and
 * opaque data, and an IKEv1 message with the encryption flag shows one opaque item. Other
 * payloads show their body as {@code isakmp.datapayload}.
 */
public final class IsakmpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> PAYLOADS = ValueNames.parse(
      """
      0=NONE / No Next Payload |1=Security Association|2=Proposal|3=Transform|4=Key Exchange|
      5=Identification|6=Certificate|7=Certificate Request|8=Hash|9=Signature|10=Nonce|
      11=Notification|12=Delete|13=Vendor ID|14=Attributes|15=SA KEK Payload|16=SA TEK Payload|
      17=Key Download|18=Sequence Number|19=Proof of Possession|20=NAT-D (RFC 3947)|
      21=NAT-OA (RFC 3947)|22=Group Associated Policy|33=Security Association|34=Key Exchange|
      35=Identification - Initiator|36=Identification - Responder|37=Certificate|
      38=Certificate Request|39=Authentication|40=Nonce|41=Notify|42=Delete|43=Vendor ID|
      44=Traffic Selector - Initiator|45=Traffic Selector - Responder|46=Encrypted and Authenticated|
      47=Configuration|48=Extensible Authentication|49=Generic Secure Password Method|
      50=Group Identification|51=Group Security Association|52=Key Download|
      53=Encrypted and Authenticated Fragment|130=NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)|
      131=NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)|132=Cisco-Fragmentation|
      """);
  private static final Map<Long, String> EXCHANGES = ValueNames.parse(
      """
      0=NONE|1=Base|2=Identity Protection (Main Mode)|3=Authentication Only|4=Aggressive|
      5=Informational|6=Transaction (Config Mode)|32=Quick Mode|33=New Group Mode|34=IKE_SA_INIT|
      35=IKE_AUTH|36=CREATE_CHILD_SA|37=INFORMATIONAL|38=IKE_SESSION_RESUME|
      """);
  private static final Map<Long, String> PROTOCOLS_V2 = ValueNames.parse(
      "0=RESERVED|1=IKE|2=AH|3=ESP|4=FC_ESP_HEADER|5=FC_CT_AUTHENTICATION|");
  private static final Map<Long, String> DOI = ValueNames.parse("0=ISAKMP|1=IPSEC|2=GDOI|");

  public static final Field ISPI = Field.bytes("isakmp.ispi", "Initiator SPI");
  public static final Field RSPI = Field.bytes("isakmp.rspi", "Responder SPI");
  public static final Field TYPEPAYLOAD = Field.u8("isakmp.typepayload", "Payload").labels(IsakmpDissector::payloadName);
  public static final Field NEXTPAYLOAD = Field.u8("isakmp.nextpayload", "Next payload").labels(IsakmpDissector::payloadName);
  public static final Field CRITICAL = Field.bool("isakmp.criticalpayload", "Critical Bit").mask(0x80, 8)
      .states("Critical", "Not critical");
  public static final Field RESERVED7 = Field.u8("isakmp.reserved7", "Reserved").hex().mask(0x7f, 8);
  public static final Field RESERVED = Field.bytes("isakmp.reserved", "Reserved");
  public static final Field DATAPAYLOAD = Field.bytes("isakmp.datapayload", "Data Payload");
  public static final Field VERSION = Field.u8("isakmp.version", "Version").hex()
      .shown(v -> (v >> 4) + "." + (v & 15));
  public static final Field MJVER = Field.u8("isakmp.mjver", "MjVer").hex().mask(0xf0, 8);
  public static final Field MNVER = Field.u8("isakmp.mnver", "MnVer").hex().mask(0x0f, 8);
  public static final Field EXCHANGETYPE = Field.u8("isakmp.exchangetype", "Exchange type").labels(EXCHANGES);
  public static final Field FLAGS = Field.u8("isakmp.flags", "Flags").hex();
  public static final Field FLAG_E = Field.bool("isakmp.flag_e", "Encryption").mask(0x01, 8)
      .states("Encrypted", "Not encrypted");
  public static final Field FLAG_C = Field.bool("isakmp.flag_c", "Commit").mask(0x02, 8)
      .states("Commit", "No commit");
  public static final Field FLAG_A = Field.bool("isakmp.flag_a", "Authentication").mask(0x04, 8)
      .states("Authentication", "No authentication");
  public static final Field FLAG_I = Field.bool("isakmp.flag_i", "Initiator").mask(0x08, 8)
      .states("Initiator", "Responder");
  public static final Field FLAG_V = Field.bool("isakmp.flag_v", "Version").mask(0x10, 8)
      .states("A higher version enabled", "No higher version");
  public static final Field FLAG_R = Field.bool("isakmp.flag_r", "Response").mask(0x20, 8)
      .states("Response", "Request");
  public static final Field MESSAGEID = Field.u32("isakmp.messageid", "Message ID").hex();
  public static final Field LENGTH = Field.u32("isakmp.length", "Length");
  public static final Field PAYLOADLENGTH = Field.u16("isakmp.payloadlength", "Payload length");
  public static final Field SA_DOI = Field.u32("isakmp.sa.doi", "Domain of interpretation").labels(DOI);
  public static final Field SA_SITUATION = Field.bytes("isakmp.sa.situation", "Situation");
  public static final Field SITUATION_IDENTITY = Field.bool("isakmp.sa.situation.identity_only", "Identity Only")
      .mask(0x1, 32);
  public static final Field SITUATION_SECRECY = Field.bool("isakmp.sa.situation.secrecy", "Secrecy").mask(0x2, 32);
  public static final Field SITUATION_INTEGRITY = Field.bool("isakmp.sa.situation.integrity", "Integrity").mask(0x4, 32);
  public static final Field PROP_NUMBER = Field.u8("isakmp.prop.number", "Proposal number");
  public static final Field PROP_PROTOID = Field.u8("isakmp.prop.protoid", "Protocol ID").labels(PROTOCOLS_V2);
  public static final Field SPISIZE = Field.u8("isakmp.spisize", "SPI Size");
  public static final Field PROP_TRANSFORMS = Field.u8("isakmp.prop.transforms", "Proposal transforms");
  public static final Field SPI = Field.bytes("isakmp.spi", "SPI");
  public static final Field TRANS_NUMBER = Field.u8("isakmp.trans.number", "Transform number");
  public static final Field TRANS_ID = Field.u8("isakmp.trans.id", "Transform ID");
  public static final Field TF_TYPE = Field.u8("isakmp.tf.type", "Transform Type").labels(ValueNames.parse(
      "0=RESERVED|1=Encryption Algorithm (ENCR)|2=Pseudo-random Function (PRF)|3=Integrity Algorithm (INTEG)|"
      + "4=Diffie-Hellman Group (D-H)|5=Extended Sequence Numbers (ESN)|"));
  public static final Field TF_ID_ENCR = Field.u16("isakmp.tf.id.encr", "Transform ID (ENCR)");
  public static final Field TF_ID_PRF = Field.u16("isakmp.tf.id.prf", "Transform ID (PRF)");
  public static final Field TF_ID_INTEG = Field.u16("isakmp.tf.id.integ", "Transform ID (INTEG)");
  public static final Field TF_ID_DH = Field.u16("isakmp.tf.id.dh", "Transform ID (D-H)");
  public static final Field TF_ID_ESN = Field.u16("isakmp.tf.id.esn", "Transform ID (ESN)");
  public static final Field TF_ID = Field.u16("isakmp.tf.id", "Transform ID");
  public static final Field KE_DH_GROUP = Field.u16("isakmp.key_exchange.dh_group", "DH Group #");
  public static final Field KE_DATA = Field.bytes("isakmp.key_exchange.data", "Key Exchange Data");
  public static final Field NONCE = Field.bytes("isakmp.nonce", "Nonce DATA");
  public static final Field NOTIFY_DOI = Field.u32("isakmp.notify.doi", "Domain of interpretation").labels(DOI);
  public static final Field NOTIFY_PROTOID = Field.u8("isakmp.notify.protoid", "Protocol ID").labels(PROTOCOLS_V2);
  public static final Field NOTIFY_MSGTYPE = Field.u16("isakmp.notify.msgtype", "Notify Message Type");
  public static final Field NOTIFY_DATA = Field.bytes("isakmp.notify.data", "Notification DATA");
  public static final Field VID_BYTES = Field.bytes("isakmp.vid_bytes", "Vendor ID");
  public static final Field NAT_HASH = Field.bytes("isakmp.ike.nat_hash", "HASH of the address and port");
  public static final Field NAT_KEEPALIVE = Field.none("isakmp.ike.nat_keepalive", "NAT Keepalive");
  public static final Field ENC_IV = Field.bytes("isakmp.enc.iv", "Initialization Vector");
  public static final Field ENC_DATA = Field.none("isakmp.enc.data", "Encrypted Data");

  static final Expert BAD_LENGTH = new Expert("isakmp.payloadlength.invalid", Severity.WARNING, "Protocol",
      "Invalid payload length");

  private static final int HEADER = 28;
  private static final int P_PROPOSAL = 2;
  private static final int P_TRANSFORM = 3;
  /** SA payloads nest proposals; the walk goes no deeper than this. */
  private static final int MAX_DEPTH = 4;

  public IsakmpDissector() {
    super("isakmp", "Internet Security Association and Key Management Protocol", "ISAKMP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 500, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int end = d.end(layer);
    d.payload(end, end);
    int len = end - d.start(layer);
    if (len != 1 && len < HEADER) {
      Truncation.report(d, layer, d.start(layer), HEADER);
    }
    return null;
  }

  /** Whether tshark's ISAKMP refuses {@code b[off..end)}: a whole header whose major version is neither 1 nor 2. */
  static boolean refuses(byte[] b, int off, int end) {
    if (end - off < HEADER) {
      return false;
    }
    int major = (b[off + 17] & 0xff) >> 4;
    return major != 1 && major != 2;
  }

  private static String payloadName(long type) {
    String s = PAYLOADS.get(type);
    if (s != null) {
      return s;
    }
    return type >= 54 && type <= 127 ? "Unassigned" : "Private Use";
  }

  private static int version(Tree t) {
    return t.u8(17) >> 4;
  }

  @Override
  public void fields(Tree t) {
    if (t.length() == 1 && t.u8(0) == 0xff) {
      t.object(NAT_KEEPALIVE, 0, 1, null);
      return;
    }
    int v = version(t);
    t.bytes(ISPI, 0, 8);
    t.bytes(RSPI, 8, 8);
    int next = t.u8(16);
    t.uint(NEXTPAYLOAD, 16, 1);
    t.uint(VERSION, 17, 1);
    t.enter();
    t.uint(MJVER, 17, 1);
    t.uint(MNVER, 17, 1);
    t.exit();
    if (v == 1 || v == 2) {
      t.uint(EXCHANGETYPE, 18, 1);
    }
    int flags = t.u8(19);
    t.uint(FLAGS, 19, 1);
    t.enter();
    if (v == 1) {
      t.uint(FLAG_E, 19, 1);
      t.uint(FLAG_C, 19, 1);
      t.uint(FLAG_A, 19, 1);
    } else if (v == 2) {
      t.uint(FLAG_I, 19, 1);
      t.uint(FLAG_V, 19, 1);
      t.uint(FLAG_R, 19, 1);
    }
    t.exit();
    t.uint(MESSAGEID, 20, 4);
    long length = t.u32(24);
    t.uint(LENGTH, 24, 4);
    if (length < HEADER) {
      return;
    }
    int end = (int) Math.min(length, t.length());
    if (v == 1 && (flags & 1) != 0) {
      int n = (int) length - HEADER;
      if (n > 0) {
        t.object(ENC_DATA, HEADER, Math.min(n, t.length() - HEADER),
            "Encrypted Data (" + n + " byte" + (n == 1 ? "" : "s") + ")");
      }
      return;
    }
    payloads(t, v, next, HEADER, end, 0);
  }

  /** A chain of payloads linked by their next-payload fields, from {@code type} at {@code off}. */
  private static void payloads(Tree t, int v, int type, int off, int end, int depth) {
    while (type != 0 && off < end && !t.truncated()) {
      if (end - off < 4) {
        return;
      }
      int next = t.u8(off);
      int len = t.u16(off + 2);
      if (!header(t, v, type, off, end, len)) {
        return;
      }
      body(t, v, type, off + 4, len - 4, depth);
      t.exit();
      off += len;
      type = next;
    }
  }

  /**
   * The generic payload header; false (the item closed) when the length does not fit. IKEv2
   * shows the critical bit except in proposals and transforms, which tshark gives IKEv1's
   * reserved byte.
   */
  private static boolean header(Tree t, int v, int type, int off, int end, int len) {
    t.number(TYPEPAYLOAD, off, Math.max(0, Math.min(len, end - off)), type);
    t.enter();
    t.uint(NEXTPAYLOAD, off, 1);
    if (v == 2 && type != P_PROPOSAL && type != P_TRANSFORM) {
      t.uint(CRITICAL, off + 1, 1);
      t.uint(RESERVED7, off + 1, 1);
    } else {
      t.bytes(RESERVED, off + 1, 1);
    }
    t.uint(PAYLOADLENGTH, off + 2, 2);
    if (len > end - off || len < 4) {
      t.expert(BAD_LENGTH, off + 2, 2, len < 4
          ? "Payload (bogus, length is " + len + ", must be at least 4)"
          : "Payload (bogus, length is " + len + ", greater than remaining length " + (end - off) + ")");
      t.exit();
      return false;
    }
    return true;
  }

  private static void body(Tree t, int v, int type, int off, int len, int depth) {
    switch (type) {
      case 1:
      case 33:
        sa(t, v, off, len, depth);
        return;
      case P_PROPOSAL:
        proposal(t, v, off, len);
        return;
      case P_TRANSFORM:
        transform(t, v, off, len);
        return;
      case 4:
        if (len > 0) {
          t.bytes(KE_DATA, off, len);
        }
        return;
      case 34:
        t.uint(KE_DH_GROUP, off, 2);
        t.bytes(RESERVED, off + 2, 2);
        if (len > 4) {
          t.bytes(KE_DATA, off + 4, len - 4);
        }
        return;
      case 10:
      case 40:
        t.bytes(NONCE, off, len);
        return;
      case 11:
      case 41:
        notify(t, v, off, len);
        return;
      case 13:
      case 43:
        t.bytes(VID_BYTES, off, len);
        return;
      case 20:
      case 130:
        t.bytes(NAT_HASH, off, len);
        return;
      case 46:
        // Without keys tshark shows four bytes as the IV and the rest as opaque data.
        t.bytes(ENC_IV, off, Math.min(4, len));
        if (len > 4) {
          t.object(ENC_DATA, off + 4, len - 4, "Encrypted Data");
        }
        return;
      default:
        if (len > 0) {
          t.bytes(DATAPAYLOAD, off, len);
        }
    }
  }

  private static void sa(Tree t, int v, int off, int len, int depth) {
    if (depth >= MAX_DEPTH) {
      return;
    }
    if (v == 1) {
      long doi = t.u32(off);
      t.uint(SA_DOI, off, 4);
      if (doi == 1) {
        if (len - 4 < 4) {
          return;
        }
        t.bytes(SA_SITUATION, off + 4, 4);
        t.enter();
        t.uint(SITUATION_IDENTITY, off + 4, 4);
        t.uint(SITUATION_SECRECY, off + 4, 4);
        t.uint(SITUATION_INTEGRITY, off + 4, 4);
        t.exit();
        payloads(t, v, P_PROPOSAL, off + 8, off + len, depth + 1);
      } else if (len > 4) {
        t.bytes(SA_SITUATION, off + 4, len - 4);
      }
    } else if (v == 2) {
      payloads(t, v, P_PROPOSAL, off, off + len, depth + 1);
    }
  }

  /** A proposal (RFC 7296 section 3.3.1): its numbers, SPI and as many transforms as it says. */
  private static void proposal(Tree t, int v, int off, int len) {
    int end = off + len;
    t.uint(PROP_NUMBER, off, 1);
    t.uint(PROP_PROTOID, off + 1, 1);
    int spiSize = t.u8(off + 2);
    t.uint(SPISIZE, off + 2, 1);
    int count = t.u8(off + 3);
    t.uint(PROP_TRANSFORMS, off + 3, 1);
    int p = off + 4;
    if (spiSize > 0) {
      t.bytes(SPI, p, spiSize);
      p += spiSize;
    }
    for (; count > 0 && !t.truncated(); count--) {
      if (end - p < 4) {
        return;
      }
      int tlen = t.u16(p + 2);
      if (!header(t, v, P_TRANSFORM, p, end, tlen)) {
        return;
      }
      transform(t, v, p + 4, tlen - 4);
      t.exit();
      p += tlen;
    }
  }

  /** A transform's identity; its attributes are not decoded. */
  private static void transform(Tree t, int v, int off, int len) {
    if (v == 1) {
      t.uint(TRANS_NUMBER, off, 1);
      t.uint(TRANS_ID, off + 1, 1);
      t.bytes(RESERVED, off + 2, 2);
      return;
    }
    int type = t.u8(off);
    t.uint(TF_TYPE, off, 1);
    t.bytes(RESERVED, off + 1, 1);
    Field id = switch (type) {
      case 1 -> TF_ID_ENCR;
      case 2 -> TF_ID_PRF;
      case 3 -> TF_ID_INTEG;
      case 4 -> TF_ID_DH;
      case 5 -> TF_ID_ESN;
      default -> TF_ID;
    };
    t.uint(id, off + 2, 2);
  }

  private static void notify(Tree t, int v, int off, int len) {
    int p = off;
    if (v == 1) {
      t.uint(NOTIFY_DOI, p, 4);
      p += 4;
    }
    t.uint(NOTIFY_PROTOID, p, 1);
    int spiSize = t.u8(p + 1);
    t.uint(SPISIZE, p + 1, 1);
    t.uint(NOTIFY_MSGTYPE, p + 2, 2);
    p += 4;
    if (spiSize > 0) {
      t.bytes(SPI, p, spiSize);
      p += spiSize;
    }
    if (off + len > p) {
      t.bytes(NOTIFY_DATA, p, off + len - p);
    } else if (off + len == p) {
      t.object(NOTIFY_DATA, p, 0, "<MISSING>"); // tshark's text for empty bytes
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (t.length() == 1 && t.u8(0) == 0xff) {
      c.setInfo("NAT Keepalive");
      return;
    }
    if (!t.has(0, HEADER)) {
      c.setInfo("");
      return;
    }
    int v = version(t);
    int exch = t.u8(18);
    String name = EXCHANGES.getOrDefault((long) exch, "Unknown " + exch);
    if (v == 1) {
      c.setInfo(name);
    } else if (v == 2) {
      int flags = t.u8(19);
      c.setInfo(String.format("%s MID=%02d %s %s", name, t.u32(20),
          (flags & 0x08) != 0 ? "Initiator" : "Responder", (flags & 0x20) != 0 ? "Response" : "Request"));
    } else {
      c.setInfo("");
    }
  }
}
