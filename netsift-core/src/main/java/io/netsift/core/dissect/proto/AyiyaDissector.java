package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Anything In Anything (AYIYA, draft-massar-v6ops-ayiya), the SixXS tunnel on UDP port 5072.
 *
 * <pre>
 *  0       4       8      12      16      20      24      28      32
 * +-------+-------+-------+-------+-------+-------+-------+-------+
 * | IDLen | IDType| SigLen|HshMeth|AutMeth| OpCode|  Next Header  |
 * +-------+-------+-------+-------+-------+-------+-------+-------+
 * |                     Epoch Time (seconds)                      |
 * +---------------------------------------------------------------+
 * |       Identity (2^IDLen bytes), Signature (SigLen * 4 bytes)  |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * With opcode Forward the payload is the packet of the Next Header protocol (IPv6, IPv4).
 */
public final class AyiyaDissector extends Dissector implements Protocols.Registrable {
  public static final Field IDLEN = Field.u8("ayiya.idlen", "Identity field length").hex().mask(0xf0, 8);
  public static final Field IDTYPE = Field.u8("ayiya.idtype", "Identity field type").hex().mask(0x0f, 8)
      .labels(ValueNames.parse("0=None|1=Integer|2=ASCII string"));
  public static final Field SIGLEN = Field.u8("ayiya.siglen", "Signature Length").hex().mask(0xf0, 8);
  public static final Field HASHMETHOD = Field.u8("ayiya.hashmethod", "Hash method").hex().mask(0x0f, 8)
      .labels(ValueNames.parse("0=No hash|1=MD5|2=SHA1"));
  public static final Field AUTHMETHOD = Field.u8("ayiya.authmethod", "Authentication method").hex().mask(0xf0, 8)
      .labels(ValueNames.parse("0=No authentication|1=Hash using a Shared Secret|2=Hash using a public/private key method"));
  public static final Field OPCODE = Field.u8("ayiya.opcode", "Operation Code").hex().mask(0x0f, 8)
      .labels(ValueNames.parse("0=No Operation / Heartbeat|1=Forward|2=Echo Request|3=Echo Request and Forward|"
          + "4=Echo Response|5=MOTD|6=Query Request|7=Query Response"));
  public static final Field NEXTHEADER = Field.u8("ayiya.nextheader", "Next Header").hex().labels(IpProtocols::name);
  public static final Field EPOCH = Field.of("ayiya.epoch", "Epoch", FieldType.ABSOLUTE_TIME).base(Base.TIME_UTC);
  public static final Field IDENTITY = Field.bytes("ayiya.identity", "Identity");
  public static final Field SIGNATURE = Field.bytes("ayiya.signature", "Signature");

  public static final int PORT = 5072;
  private static final int HEADER = 8;
  private static final int OP_FORWARD = 1;

  public AyiyaDissector() {
    super("ayiya", "Anything in Anything Protocol", "AYIYA");
  }

  /** A tunnel: its payload is a network layer again (kept when applications are pruned). */
  @Override
  public boolean carriesLowerLayers() {
    return true;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  private static int headerLength(byte[] b, int s) {
    int idLen = (b[s] & 0xff) >> 4;
    int sigLen = (b[s + 1] & 0xff) >> 4;
    return HEADER + (1 << idLen) + sigLen * 4;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    if (end - s < HEADER) {
      d.payload(end, end);
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int body = s + headerLength(b, s);
    if (body > end) {
      d.payload(end, end);
      Truncation.report(d, layer, s, body - s);
      return null;
    }
    d.payload(body, end);
    if ((b[s + 2] & 0x0f) != OP_FORWARD) {
      return null;
    }
    return d.protocols().ipProtocol(b[s + 3] & 0xff);
  }

  @Override
  public void fields(Tree t) {
    t.uint(IDLEN, 0, 1);
    t.uint(IDTYPE, 0, 1);
    t.uint(SIGLEN, 1, 1);
    t.uint(HASHMETHOD, 1, 1);
    t.uint(AUTHMETHOD, 2, 1);
    t.uint(OPCODE, 2, 1);
    t.uint(NEXTHEADER, 3, 1);
    if (t.has(4, 4)) {
      t.number(EPOCH, 4, 4, t.u32(4) * 1_000_000_000L);
    }
    if (!t.has(0, 2)) {
      return;
    }
    int idLen = 1 << (t.u8(0) >> 4);
    int sigLen = (t.u8(1) >> 4) * 4;
    t.bytes(IDENTITY, HEADER, idLen);
    if (sigLen > 0) {
      t.bytes(SIGNATURE, HEADER + idLen, sigLen);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
  }
}
