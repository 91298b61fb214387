package io.netsift.core.dns;

import io.netsift.core.dns.DnsDecodeException.Kind;
import io.netsift.core.dns.DnsDecodeException.Reason;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes DNS messages (RFC 1035 §4) into {@link DnsMessage}, following name compression
 * (RFC 1035 §4.1.4).
 *
 * <p>The safety contract: on any input whatever, {@link #decode} returns a message or throws
 * {@link DnsDecodeException} — nothing else, and it always terminates. Every read goes
 * through one bounds check ({@link #need}), which reports {@link Kind#TRUNCATED}; compression
 * pointers past the end of the message, pointer loops (a target visited twice while reading
 * one name), names over 255 octets, reserved label types and rdata that does not fit its type
 * are {@link Kind#CORRUPT}. Offsets in the model and in errors are relative to the message
 * start, which is also what compression pointers count from.
 *
 * <p>Forward-pointing compression pointers are accepted, as Wireshark accepts them; only
 * loops are refused. RDATA of length zero decodes as {@link DnsRdata.Unknown} for every type,
 * because dynamic update (RFC 2136 §2.5) uses empty RDATA to delete RRsets.
 */
public final class DnsMessageDecoder {
  /** More pointers than a 255-octet name can need; beyond this a name is called corrupt. */
  private static final int MAX_POINTERS = 128;

  private final byte[] b;
  private final int base;
  private final int len;

  private DnsMessageDecoder(byte[] b, int base, int len) {
    this.b = b;
    this.base = base;
    this.len = len;
  }

  /** Decodes a whole array as one message. */
  public static DnsMessage decode(byte[] data) throws DnsDecodeException {
    return decode(data, 0, data.length);
  }

  /** Decodes the message in {@code data[offset, offset + length)}. */
  public static DnsMessage decode(byte[] data, int offset, int length) throws DnsDecodeException {
    if (offset < 0 || length < 0 || offset + length > data.length || offset + length < 0) {
      throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " outside array of " + data.length);
    }
    return new DnsMessageDecoder(data, offset, length).message();
  }

  /** Decodes the remaining bytes of {@code buf} (its position is not moved). */
  public static DnsMessage decode(ByteBuffer buf) throws DnsDecodeException {
    if (buf.hasArray()) {
      return decode(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
    }
    byte[] copy = new byte[buf.remaining()];
    buf.duplicate().get(copy);
    return decode(copy);
  }

  /**
   * Reads one (possibly compressed) name at {@code nameOffset} of the message in
   * {@code data[msgOffset, msgOffset + msgLength)} — for dissectors that walk a message
   * field by field.
   */
  public static DnsName decodeName(byte[] data, int msgOffset, int msgLength, int nameOffset)
      throws DnsDecodeException {
    if (msgOffset < 0 || msgLength < 0 || msgOffset + msgLength > data.length || msgOffset + msgLength < 0) {
      throw new IndexOutOfBoundsException("message outside array");
    }
    return new DnsMessageDecoder(data, msgOffset, msgLength).name(nameOffset);
  }

  /**
   * The bytes the name at {@code nameOffset} occupies where it is written — its labels up to
   * and including the zero octet or the first compression pointer — without following any
   * pointer; -1 when the message ends first or a label type is reserved. Lets a dissector
   * place a name whose pointers loop (which {@link #decodeName} refuses).
   */
  public static int nameWireLength(byte[] data, int msgOffset, int msgLength, int nameOffset) {
    int p = nameOffset;
    while (p >= 0 && p < msgLength && msgOffset + p < data.length) {
      int c = data[msgOffset + p] & 0xff;
      if (c == 0) {
        return p + 1 - nameOffset;
      }
      if ((c & 0xc0) == 0xc0) {
        return p + 2 <= msgLength ? p + 2 - nameOffset : -1;
      }
      if ((c & 0xc0) != 0) {
        return -1;
      }
      p += 1 + c;
    }
    return -1;
  }

  private DnsMessage message() throws DnsDecodeException {
    need(0, DnsHeader.LENGTH, "the header");
    DnsHeader h = new DnsHeader(u16(0), u16(2), u16(4), u16(6), u16(8), u16(10));
    List<DnsQuestion> qs = new ArrayList<>(Math.min(h.qdCount(), 16));
    List<DnsRecord> an = new ArrayList<>(Math.min(h.anCount(), 64));
    List<DnsRecord> ns = new ArrayList<>(Math.min(h.nsCount(), 64));
    List<DnsRecord> ar = new ArrayList<>(Math.min(h.arCount(), 64));
    int p = DnsHeader.LENGTH;
    try {
      for (int i = 0; i < h.qdCount(); i++) {
        DnsQuestion q = question(p);
        qs.add(q);
        p += q.length();
      }
      p = section(p, h.anCount(), an, "answer");
      p = section(p, h.nsCount(), ns, "authority");
      p = section(p, h.arCount(), ar, "additional");
    } catch (DnsDecodeException e) {
      throw e.withPartial(new DnsMessage(h, qs, an, ns, ar, p));
    }
    return new DnsMessage(h, qs, an, ns, ar, p);
  }

  private int section(int p, int count, List<DnsRecord> out, String what) throws DnsDecodeException {
    for (int i = 0; i < count; i++) {
      DnsRecord r = record(p, what);
      out.add(r);
      p += r.length();
    }
    return p;
  }

  private DnsQuestion question(int p) throws DnsDecodeException {
    DnsName name = name(p);
    int q = p + name.wireLength();
    need(q, 4, "the type and class of the question at offset " + p);
    return new DnsQuestion(name, DnsRecordType.valueOf(u16(q)), DnsClass.valueOf(u16(q + 2)), p, q + 4 - p);
  }

  private DnsRecord record(int p, String section) throws DnsDecodeException {
    DnsName name = name(p);
    int q = p + name.wireLength();
    need(q, 10, "the fixed fields of the " + section + " record at offset " + p);
    DnsRecordType type = DnsRecordType.valueOf(u16(q));
    DnsClass cls = DnsClass.valueOf(u16(q + 2));
    long ttl = u32(q + 4);
    int rdlen = u16(q + 8);
    int rd = q + 10;
    need(rd, rdlen, rdlen + " bytes of " + type + " rdata at offset " + rd);
    DnsRdata rdata = rdlen == 0 ? new DnsRdata.Unknown(Octets.EMPTY) : rdata(type, rd, rdlen, p);
    return new DnsRecord(name, type, cls, ttl, rdata, p, rd + rdlen - p, rd, rdlen);
  }

  private DnsRdata rdata(DnsRecordType type, int start, int rdlen, int recordOffset) throws DnsDecodeException {
    Rd r = new Rd(type, start, start + rdlen, recordOffset);
    DnsRdata out;
    switch (type.value()) {
      case 1 -> out = new DnsRdata.A((Inet4Address) address(r, 4));
      case 28 -> out = new DnsRdata.Aaaa((Inet6Address) address(r, 16));
      case 2, 5, 12, 39 -> out = new DnsRdata.Domain(r.name());
      case 15 -> out = new DnsRdata.Mx(r.u16(), r.name());
      case 16, 99 -> {
        List<Octets> strings = new ArrayList<>();
        while (r.p < r.end) {
          strings.add(r.octets(r.u8()));
        }
        out = new DnsRdata.Txt(strings);
      }
      case 6 -> out = new DnsRdata.Soa(r.name(), r.name(), r.u32(), r.u32(), r.u32(), r.u32(), r.u32());
      case 33 -> out = new DnsRdata.Srv(r.u16(), r.u16(), r.u16(), r.name());
      case 257 -> {
        int flags = r.u8();
        int tagLen = r.u8();
        if (tagLen == 0) {
          throw corrupt(r.p - 1, "CAA record at offset " + recordOffset + " has an empty tag (RFC 8659 §4.1)");
        }
        String tag = r.octets(tagLen).latin1();
        out = new DnsRdata.Caa(flags, tag, r.rest());
      }
      case 41 -> {
        List<EdnsOption> options = new ArrayList<>();
        while (r.p < r.end) {
          int code = r.u16();
          options.add(new EdnsOption(code, r.octets(r.u16())));
        }
        out = new DnsRdata.Opt(options);
      }
      case 64, 65 -> {
        int priority = r.u16();
        DnsName target = r.name();
        List<SvcParam> params = new ArrayList<>();
        while (r.p < r.end) {
          int key = r.u16();
          params.add(new SvcParam(key, r.octets(r.u16())));
        }
        out = new DnsRdata.Svcb(priority, target, params);
      }
      case 43, 59 -> out = new DnsRdata.Ds(r.u16(), r.u8(), r.u8(), r.rest());
      case 46 -> out = new DnsRdata.Rrsig(DnsRecordType.valueOf(r.u16()), r.u8(), r.u8(), r.u32(), r.u32(), r.u32(),
          r.u16(), r.name(), r.rest());
      case 48, 60 -> out = new DnsRdata.Dnskey(r.u16(), r.u8(), r.u8(), r.rest());
      case 47 -> out = new DnsRdata.Nsec(r.name(), typeBitmaps(r));
      default -> out = new DnsRdata.Unknown(r.rest());
    }
    if (r.p != r.end) {
      throw corrupt(r.p, type + " record at offset " + recordOffset + ": " + (r.end - r.p)
          + " unexpected bytes at the end of its rdata");
    }
    return out;
  }

  private InetAddress address(Rd r, int size) throws DnsDecodeException {
    if (r.end - r.p != size) {
      throw corrupt(r.p, r.type + " record at offset " + r.record + ": rdata length " + (r.end - r.p)
          + ", expected " + size);
    }
    byte[] a = r.octets(size).raw();
    try {
      // The NetworkInterface overload keeps an IPv4-mapped AAAA an Inet6Address.
      return size == 4 ? InetAddress.getByAddress(a) : Inet6Address.getByAddress(null, a, (NetworkInterface) null);
    } catch (UnknownHostException e) {
      throw new AssertionError("address of checked length", e);
    }
  }

  /** RFC 4034 §4.1.2: (window, length 1..32, bitmap) blocks. */
  private List<DnsRecordType> typeBitmaps(Rd r) throws DnsDecodeException {
    List<DnsRecordType> types = new ArrayList<>();
    while (r.p < r.end) {
      int window = r.u8();
      int blen = r.u8();
      if (blen < 1 || blen > 32) {
        throw corrupt(r.p - 1, "NSEC record at offset " + r.record + ": type bitmap length " + blen
            + " outside 1..32 (RFC 4034 §4.1.2)");
      }
      Octets bits = r.octets(blen);
      for (int i = 0; i < blen; i++) {
        int v = bits.get(i);
        for (int bit = 0; bit < 8; bit++) {
          if ((v & (0x80 >> bit)) != 0) {
            types.add(DnsRecordType.valueOf(window << 8 | i << 3 | bit));
          }
        }
      }
    }
    return types;
  }

  /** Reads a name at {@code pos}; see the class comment for what is refused. */
  private DnsName name(int pos) throws DnsDecodeException {
    List<String> labels = new ArrayList<>(6);
    int p = pos;
    int wireEnd = -1;
    int total = 1;
    int jumps = 0;
    int[] targets = null;
    while (true) {
      need(p, 1, "the domain name at offset " + pos);
      int c = u8(p);
      switch (c & 0xc0) {
        case 0x00 -> {
          if (c == 0) {
            if (wireEnd < 0) {
              wireEnd = p + 1;
            }
            return DnsName.decoded(labels, pos, wireEnd - pos);
          }
          need(p + 1, c, "a " + c + "-octet label of the domain name at offset " + pos);
          total += 1 + c;
          if (total > DnsName.MAX_WIRE_LENGTH) {
            throw corrupt(Reason.NAME_TOO_LONG, p, "domain name at offset " + pos + " is longer than 255 octets");
          }
          labels.add(new String(b, base + p + 1, c, StandardCharsets.ISO_8859_1));
          p += 1 + c;
        }
        case 0xc0 -> {
          need(p, 2, "the compression pointer at offset " + p);
          int target = (c & 0x3f) << 8 | u8(p + 1);
          if (wireEnd < 0) {
            wireEnd = p + 2;
          }
          if (target >= len) {
            throw corrupt(Reason.POINTER_OUT_OF_RANGE, p, "compression pointer at offset " + p + " points to " + target
                + ", beyond the end of the " + len + "-byte message");
          }
          if (targets == null) {
            targets = new int[8];
          }
          for (int i = 0; i < jumps; i++) {
            if (targets[i] == target) {
              throw corrupt(Reason.POINTER_LOOP, p, "compression pointer loop: the pointer at offset " + p + " leads back to offset "
                  + target + " while reading the domain name at offset " + pos);
            }
          }
          if (jumps == MAX_POINTERS) {
            throw corrupt(Reason.NAME_TOO_LONG, p, "more than " + MAX_POINTERS + " compression pointers in the domain name at offset " + pos);
          }
          if (jumps == targets.length) {
            targets = java.util.Arrays.copyOf(targets, jumps * 2);
          }
          targets[jumps++] = target;
          p = target;
        }
        default -> throw corrupt(Reason.LABEL_TYPE, p, String.format("unsupported label type 0x%02x at offset %d "
            + "(0x40 extended and 0x80 reserved labels are not in use, RFC 6891 §5)", c & 0xc0, p));
      }
    }
  }

  /** The one bounds check: {@code n} bytes at {@code p} must lie inside the message. */
  private void need(int p, int n, String what) throws DnsDecodeException {
    if (p + n > len) {
      throw new DnsDecodeException(Kind.TRUNCATED, Math.min(p, len), "message of " + len + " bytes ends before "
          + what + " (needs bytes " + p + ".." + (p + n - 1) + ")", null);
    }
  }

  private static DnsDecodeException corrupt(int offset, String what) {
    return new DnsDecodeException(Kind.CORRUPT, offset, what, null);
  }

  private static DnsDecodeException corrupt(Reason reason, int offset, String what) {
    return new DnsDecodeException(Kind.CORRUPT, reason, offset, what, null);
  }

  private int u8(int p) {
    return b[base + p] & 0xff;
  }

  private int u16(int p) {
    return (b[base + p] & 0xff) << 8 | (b[base + p + 1] & 0xff);
  }

  private long u32(int p) {
    return (long) u16(p) << 16 | u16(p + 2);
  }

  /** A cursor over one record's RDATA: reading past its end is corrupt (the message itself is long enough). */
  private final class Rd {
    final DnsRecordType type;
    final int start;
    final int end;
    final int record;
    int p;

    Rd(DnsRecordType type, int start, int end, int record) {
      this.type = type;
      this.start = start;
      this.p = start;
      this.end = end;
      this.record = record;
    }

    private void fits(int n) throws DnsDecodeException {
      if (p + n > end) {
        throw corrupt(p, type + " record at offset " + record + ": rdata of " + (end - start) + " bytes"
            + " ends inside its fields (needs " + n + " more bytes at offset " + p + ", rdata ends at " + end + ")");
      }
    }

    int u8() throws DnsDecodeException {
      fits(1);
      return DnsMessageDecoder.this.u8(p++);
    }

    int u16() throws DnsDecodeException {
      fits(2);
      int v = DnsMessageDecoder.this.u16(p);
      p += 2;
      return v;
    }

    long u32() throws DnsDecodeException {
      fits(4);
      long v = DnsMessageDecoder.this.u32(p);
      p += 4;
      return v;
    }

    Octets octets(int n) throws DnsDecodeException {
      fits(n);
      Octets o = Octets.of(b, base + p, n);
      p += n;
      return o;
    }

    Octets rest() throws DnsDecodeException {
      return octets(end - p);
    }

    DnsName name() throws DnsDecodeException {
      if (p >= end) {
        fits(1);
      }
      DnsName n = DnsMessageDecoder.this.name(p);
      if (p + n.wireLength() > end) {
        throw corrupt(p, type + " record at offset " + record + ": the domain name at offset " + p
            + " runs past the end of the rdata");
      }
      p += n.wireLength();
      return n;
    }
  }
}
