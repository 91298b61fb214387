package io.netsift.core.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds capture files byte by byte in either byte order, for tests. */
final class CaptureBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean bigEndian;

  CaptureBytes(boolean bigEndian) {
    this.bigEndian = bigEndian;
  }

  CaptureBytes u8(int v) {
    out.write(v);
    return this;
  }

  CaptureBytes u16(int v) {
    return bigEndian ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
  }

  CaptureBytes u32(long v) {
    return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
  }

  CaptureBytes bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  CaptureBytes pad4() {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** Parses hex digits, ignoring whitespace and anything after '#' on a line. */
  static byte[] hex(String s) {
    String digits = s.replaceAll("#[^\n]*", "").replaceAll("\\s", "");
    byte[] b = new byte[digits.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.write(p, 0, p.length);
    }
    return o.toByteArray();
  }

  // ---- pcap ----

  /** A pcap file header with the given magic (written in this builder's order). */
  CaptureBytes pcapHeader(int magic, int snapLength, int linkType) {
    return u32(magic).u16(2).u16(4).u32(0).u32(0).u32(snapLength).u32(linkType);
  }

  CaptureBytes pcapRecord(long seconds, long fraction, byte[] data, int originalLength) {
    return u32(seconds).u32(fraction).u32(data.length).u32(originalLength).bytes(data);
  }

  // ---- pcapng ----

  /** A whole block: type, total length, body padded to 4, total length again. */
  CaptureBytes block(int type, byte[] body) {
    int length = 12 + ((body.length + 3) & ~3);
    u32(type).u32(length).bytes(body).pad4();
    return u32(length);
  }

  /** A pcapng option (code, length, value, padding) in this builder's order. */
  byte[] option(int code, byte[] value) {
    return new CaptureBytes(bigEndian).u16(code).u16(value.length).bytes(value).pad4()
        .toByteArray();
  }

  byte[] option(int code, String value) {
    return option(code, ascii(value));
  }

  byte[] endOfOptions() {
    return new byte[4];
  }

  CaptureBytes shb(byte[]... options) {
    CaptureBytes body = new CaptureBytes(bigEndian).u32(0x1A2B3C4D).u16(1).u16(0)
        .u32(0xffffffffL).u32(0xffffffffL);
    for (byte[] o : options) {
      body.bytes(o);
    }
    return block(0x0A0D0D0A, body.toByteArray());
  }

  CaptureBytes idb(int linkType, int snapLength, byte[]... options) {
    CaptureBytes body = new CaptureBytes(bigEndian).u16(linkType).u16(0).u32(snapLength);
    for (byte[] o : options) {
      body.bytes(o);
    }
    return block(1, body.toByteArray());
  }

  CaptureBytes epb(int interfaceId, long units, byte[] data, int originalLength,
      byte[]... options) {
    CaptureBytes body = new CaptureBytes(bigEndian).u32(interfaceId).u32(units >>> 32)
        .u32(units).u32(data.length).u32(originalLength).bytes(data).pad4();
    for (byte[] o : options) {
      body.bytes(o);
    }
    return block(6, body.toByteArray());
  }

  CaptureBytes spb(int originalLength, byte[] data) {
    return block(3, new CaptureBytes(bigEndian).u32(originalLength).bytes(data).toByteArray());
  }
}
