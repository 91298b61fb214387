package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;

/**
 * Multipath TCP options (<a href="https://www.rfc-editor.org/rfc/rfc8684">RFC 8684</a>, kind 30),
 * which tshark shows as the "mptcp" protocol after "tcp" in frame.protocols. The layer starts
 * at the segment's first MPTCP option and runs to the end of the segment; it walks the TCP
 * option list again for every MPTCP option and hands the payload on where TCP would have.
 *
 * <pre>
 * +--------+--------+-------+-------+-----------------
 * | Kind=30| Length |Subtype| (sub) | subtype-specific ...
 * +--------+--------+-------+-------+-----------------
 * </pre>
 *
 * Decoded: MP_CAPABLE (keys) and DSS (data ACK, data sequence mapping); other subtypes show
 * their subtype only. tshark's connection-level analysis ({@code mptcp.*}) is not done.
 */
public final class MptcpDissector extends Dissector {
  public static final Field SUBTYPE = Field.u8("tcp.options.mptcp.subtype", "Multipath TCP subtype")
      .mask(0xf0, 8).labels(MptcpDissector::subtypeName);
  public static final Field VERSION = Field.u8("tcp.options.mptcp.version", "Multipath TCP version").mask(0x0f, 8);
  public static final Field FLAGS = Field.u8("tcp.options.mptcp.flags", "Multipath TCP flags").hex();
  public static final Field CHECKSUMREQ = Field.u8("tcp.options.mptcp.checksumreq.flags", "Checksum required")
      .mask(0x80, 8);
  public static final Field EXTENSIBILITY = Field.u8("tcp.options.mptcp.extensibility.flag", "Extensibility")
      .mask(0x40, 8);
  public static final Field NOMORESUBFLOWS = Field.u8("tcp.options.mptcp.nomoresubflows.flag",
      "Do not attempt to establish new subflows to this address and port").mask(0x20, 8);
  public static final Field SHA256 = Field.u8("tcp.options.mptcp.sha256.flag", "Use HMAC-SHA256").mask(0x01, 8);
  public static final Field DATAFIN = Field.u8("tcp.options.mptcp.datafin.flag", "DATA_FIN").mask(0x10, 8);
  public static final Field DSEQN8 = Field.u8("tcp.options.mptcp.dseqn8.flag", "Data Sequence Number is 8 octets")
      .mask(0x08, 8);
  public static final Field DSEQNPRESENT = Field.u8("tcp.options.mptcp.dseqnpresent.flag",
      "Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present").mask(0x04, 8);
  public static final Field DATAACK8 = Field.u8("tcp.options.mptcp.dataack8.flag", "Data ACK is 8 octets")
      .mask(0x02, 8);
  public static final Field DATAACKPRESENT = Field.u8("tcp.options.mptcp.dataackpresent.flag", "Data ACK is present")
      .mask(0x01, 8);
  public static final Field RESERVED_FLAG = Field.u8("tcp.options.mptcp.reserved.flag", "Reserved").hex().mask(0x3e, 8);
  public static final Field SENDKEY = Field.u64("tcp.options.mptcp.sendkey", "Sender's Key");
  public static final Field RECVKEY = Field.u64("tcp.options.mptcp.recvkey", "Receiver's Key");
  public static final Field RAWDATAACK = Field.u64("tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK");
  public static final Field RAWDATASEQNO = Field.u64("tcp.options.mptcp.rawdataseqno", "Data Sequence Number");
  public static final Field SUBFLOWSEQNO = Field.u32("tcp.options.mptcp.subflowseqno", "Subflow Sequence Number");
  public static final Field DATALVLLEN = Field.u16("tcp.options.mptcp.datalvllen", "Data-level Length");
  public static final Field CHECKSUM = Field.u16("tcp.options.mptcp.checksum", "Checksum").hex();

  static final int KIND = 30;
  private static final int MP_CAPABLE = 0;
  private static final int DSS = 2;
  private static final String[] SUBTYPES = {"Multipath Capable", "Join Connection", "Data Sequence Signal",
      "Add Address", "Remove Address", "Change Subflow Priority", "TCP Fallback", "Fast Close", "TCP Reset"};

  public MptcpDissector() {
    super("mptcp", "Multipath Transmission Control Protocol", "MPTCP");
  }

  private static String subtypeName(long v) {
    return v >= 0 && v < SUBTYPES.length ? SUBTYPES[(int) v] : null;
  }

  /** Absolute index of the first well-formed MPTCP option in the TCP header at {@code s}, or -1. */
  static int firstOption(byte[] b, int s, int hlen, int capturedEnd) {
    int end = Math.min(s + hlen, capturedEnd);
    int p = s + 20;
    while (p < end) {
      int kind = b[p] & 0xff;
      if (kind == TcpOptions.EOL || kind == TcpOptions.NOP) {
        p++;
        continue;
      }
      if (p + 1 >= end) {
        return -1;
      }
      int len = b[p + 1] & 0xff;
      if (len < 2 || p + len > end) {
        return -1;
      }
      if (kind == KIND && len >= 3) {
        return p;
      }
      p += len;
    }
    return -1;
  }

  /** tshark shows MPTCP's items inside TCP's option tree, so {@code io,phs} does not count it. */
  @Override
  public boolean insideEarlierLayer(Dissection d, int layer) {
    return true;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    // TCP left the dissector its payload would have had: registry index + 1, 0 for data,
    // -1 when the segment has no payload (or a RST's reason text).
    int next = d.dispatchKey();
    int end = d.end(layer);
    d.payload(end, end);
    if (next < 0) {
      return null;
    }
    int s = d.start(layer - 1);
    int hlen = (Bytes.u8(d.data(), s + 12) & 0xf0) >> 2;
    d.payload(Math.min(s + hlen, end), end);
    return next > 0 ? d.protocols().all().get(next - 1) : null;
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    int tcp = t.layer() - 1;
    int s = d.start(tcp);
    int hlen = (Bytes.u8(d.data(), s + 12) & 0xf0) >> 2;
    int end = Math.min(s + hlen, t.start() + t.length()) - t.start();
    int p = 0;
    while (p < end && t.has(p, 1)) {
      int kind = t.u8(p);
      if (kind == TcpOptions.EOL || kind == TcpOptions.NOP) {
        p++;
        continue;
      }
      int len = t.u8(p + 1);
      if (p + 1 >= end || len < 2 || p + len > end) {
        return;
      }
      if (kind == KIND && len >= 3) {
        option(t, p, len);
      }
      p += len;
    }
  }

  private static void option(Tree t, int p, int len) {
    int subtype = t.u8(p + 2) >> 4;
    t.uint(SUBTYPE, p + 2, 1);
    if (subtype == MP_CAPABLE) {
      t.uint(VERSION, p + 2, 1);
      int version = t.u8(p + 2) & 0x0f;
      t.uint(FLAGS, p + 3, 1);
      t.enter();
      t.uint(CHECKSUMREQ, p + 3, 1);
      t.uint(EXTENSIBILITY, p + 3, 1);
      t.uint(NOMORESUBFLOWS, p + 3, 1);
      t.uint(SHA256, p + 3, 1);
      // Version 1 (RFC 8684) has one more defined bit than version 0 (RFC 6824).
      t.number(RESERVED_FLAG, p + 3, 1, (t.u8(p + 3) & (version == 0 ? 0x3e : 0x1e)) >> 1);
      t.exit();
      if (len >= 12) {
        t.uint(SENDKEY, p + 4, 8);
      }
      if (len >= 20) {
        t.uint(RECVKEY, p + 12, 8);
      }
      if (len >= 22) {
        // RFC 8684 section 3.1: the third ACK may carry data, with its data-level length.
        t.uint(DATALVLLEN, p + 20, 2);
      }
      if (len >= 24) {
        t.uint(CHECKSUM, p + 22, 2);
      }
    } else if (subtype == DSS) {
      int flags = t.u8(p + 3);
      t.uint(FLAGS, p + 3, 1);
      t.enter();
      t.uint(DATAFIN, p + 3, 1);
      t.uint(DSEQN8, p + 3, 1);
      t.uint(DSEQNPRESENT, p + 3, 1);
      t.uint(DATAACK8, p + 3, 1);
      t.uint(DATAACKPRESENT, p + 3, 1);
      t.exit();
      int q = p + 4;
      if ((flags & 0x01) != 0) {
        int n = (flags & 0x02) != 0 ? 8 : 4;
        t.number(RAWDATAACK, q, n, t.uint(q, n));
        q += n;
      }
      if ((flags & 0x04) != 0) {
        int n = (flags & 0x08) != 0 ? 8 : 4;
        t.number(RAWDATASEQNO, q, n, t.uint(q, n));
        q += n;
        t.uint(SUBFLOWSEQNO, q, 4);
        t.uint(DATALVLLEN, q + 4, 2);
        if (q + 8 <= p + len) {
          t.uint(CHECKSUM, q + 6, 2);
        }
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "MPTCP";
  }
}
