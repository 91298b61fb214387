package io.netsift.core.dissect.proto;

import io.netsift.core.capture.Frame;
import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Walk;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldValue;
import io.netsift.core.field.FieldVisitor;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support for the transport and ICMP dissectors: Ethernet frames from hex dumps or built
 * field by field (IPv4/IPv6 + TCP/UDP/ICMP, checksums left zero unless given, since tshark does
 * not verify them for TCP and UDP), and a snapshot of what one frame dissects to (field texts
 * in tree order, expert messages, summary columns).
 */
final class TransportFrames {
  private TransportFrames() {}

  /** Parses hex digits, ignoring whitespace and anything after '#' on a line. */
  static byte[] hex(String s) {
    String digits = s.replaceAll("#[^\n]*", "").replaceAll("\\s", "");
    byte[] b = new byte[digits.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  static Frame ethernet(byte[] bytes, long seconds) {
    return ethernet(bytes, seconds * 1_000_000_000L, bytes.length);
  }

  static Frame ethernet(byte[] bytes, long nanos, int originalLength) {
    Frame f = new Frame();
    f.data = bytes;
    f.offset = 0;
    f.capturedLength = bytes.length;
    f.originalLength = originalLength;
    f.timestampNanos = nanos;
    f.linkType = LinkType.ETHERNET;
    f.interfaceId = -1;
    return f;
  }

  // ---- builders ----

  static byte[] eth(int etherType, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(hex("66 77 88 99 aa bb 00 11 22 33 44 55"));
    o.write(etherType >> 8);
    o.write(etherType);
    o.writeBytes(payload);
    return o.toByteArray();
  }

  /** An IPv4 packet (no options, DF, TTL 64) from dotted addresses. */
  static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
    return ipv4(src, dst, proto, 64, payload);
  }

  static byte[] ipv4(String src, String dst, int proto, int ttl, byte[] payload) {
    byte[] p = new byte[20 + payload.length];
    p[0] = 0x45;
    p[2] = (byte) (p.length >> 8);
    p[3] = (byte) p.length;
    p[5] = 1;
    p[6] = 0x40;
    p[8] = (byte) ttl;
    p[9] = (byte) proto;
    System.arraycopy(v4(src), 0, p, 12, 4);
    System.arraycopy(v4(dst), 0, p, 16, 4);
    int sum = EnclosingIp.onesSum(p, 0, 20, 0);
    p[10] = (byte) (~sum >> 8);
    p[11] = (byte) ~sum;
    System.arraycopy(payload, 0, p, 20, payload.length);
    return p;
  }

  static byte[] v4(String dotted) {
    String[] q = dotted.split("\\.");
    return new byte[] {(byte) Integer.parseInt(q[0]), (byte) Integer.parseInt(q[1]),
        (byte) Integer.parseInt(q[2]), (byte) Integer.parseInt(q[3])};
  }

  /** A TCP segment; {@code options} are padded to a multiple of 4 with zeros. */
  static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options, byte[] data) {
    return tcp(sport, dport, seq, ack, flags, window, 0, options, data);
  }

  static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, int urgent, byte[] options,
      byte[] data) {
    int optLen = (options.length + 3) & ~3;
    byte[] t = new byte[20 + optLen + data.length];
    put16(t, 0, sport);
    put16(t, 2, dport);
    put32(t, 4, seq);
    put32(t, 8, ack);
    put16(t, 12, ((20 + optLen) / 4) << 12 | flags);
    put16(t, 14, window);
    put16(t, 18, urgent);
    System.arraycopy(options, 0, t, 20, options.length);
    System.arraycopy(data, 0, t, 20 + optLen, data.length);
    return t;
  }

  /** An Ethernet/IPv4/TCP frame between 10.0.0.1 and 10.0.0.2 ({@code reply} swaps them). */
  static byte[] tcp4(boolean reply, int sport, int dport, long seq, long ack, int flags, byte[] options) {
    return eth(0x0800, ipv4(reply ? "10.0.0.2" : "10.0.0.1", reply ? "10.0.0.1" : "10.0.0.2", 6,
        tcp(sport, dport, seq, ack, flags, 65535, options, new byte[0])));
  }

  static void put16(byte[] b, int p, int v) {
    b[p] = (byte) (v >> 8);
    b[p + 1] = (byte) v;
  }

  static void put32(byte[] b, int p, long v) {
    put16(b, p, (int) (v >>> 16));
    put16(b, p + 2, (int) v);
  }

  // ---- results ----

  /** What one frame dissected to, copied out before the engine's next frame. */
  static final class Result {
    final Map<String, List<String>> values = new LinkedHashMap<>();
    final List<String> experts = new ArrayList<>();
    final List<String> order = new ArrayList<>();
    /** The Info text each layer writes on its own (first layer of each name). */
    final Map<String, String> ownInfo = new LinkedHashMap<>();
    String protocols;
    String protocol;
    String info;

    /** The field's occurrences joined by ',' (tshark's -E occurrence=a -E aggregator=,). */
    String get(String field) {
      List<String> v = values.get(field);
      return v == null ? "" : String.join(",", v);
    }

    boolean has(String field) {
      return values.containsKey(field);
    }
  }

  static Result dissect(DissectionEngine engine, Frame frame) {
    Dissection d = engine.dissect(frame);
    Result r = new Result();
    new Walk().all(d, new FieldVisitor() {
      @Override
      public void number(Field f, int offset, int length, long value) {
        add(f, new FieldValue(f, d.data(), d.frameStart(), offset, length, value, null).text());
      }

      @Override
      public void bytes(Field f, int offset, int length) {
        add(f, new FieldValue(f, d.data(), d.frameStart(), offset, length, Long.MIN_VALUE, null).text());
      }

      @Override
      public void object(Field f, int offset, int length, Object value) {
        if (f == Walk.EXPERT_MESSAGE) {
          r.experts.add(String.valueOf(value));
        }
        if (f != null) {
          add(f, new FieldValue(f, d.data(), d.frameStart(), offset, length, 0, value).text());
        }
      }

      private void add(Field f, String text) {
        r.values.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(text);
        r.order.add(f.name());
      }
    });
    Columns c = new Columns();
    new Walk().columns(d, c);
    r.protocol = c.protocol;
    r.info = c.info();
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < d.layerCount(); i++) {
      sb.append(i == 1 ? "" : ":").append(d.dissector(i).name());
    }
    r.protocols = sb.toString();
    Walk w = new Walk();
    for (int i = 1; i < d.layerCount(); i++) {
      Columns own = new Columns();
      d.dissector(i).columns(w.tree(d, i), own);
      r.ownInfo.putIfAbsent(d.dissector(i).name(), own.info());
    }
    return r;
  }
}
