package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.dissect.DissectionEngine;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ServerKeyExchange, ClientKeyExchange and CertificateVerify decoded by the key exchange of the
 * cipher suite the Server Hello chose, against tshark 4.0: the same records written to a pcap
 * (server 10.0.0.2:443, one conversation per case) gave the expected values.
 */
class TlsKeyExchangeTest {
  private final DissectionEngine engine = new DissectionEngine();
  private int frames;

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  private static byte[] fill(int n, int b) {
    byte[] x = new byte[n];
    java.util.Arrays.fill(x, (byte) b);
    return x;
  }

  private static byte[] record(int version, byte[] body) {
    return cat(new byte[] {22}, u16(version), u16(body.length), body);
  }

  private static byte[] handshake(int type, byte[] body) {
    return cat(new byte[] {(byte) type, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length},
        body);
  }

  private static byte[] serverHello(int version, int suite) {
    byte[] random = new byte[32];
    for (int i = 0; i < 32; i++) {
      random[i] = (byte) i;
    }
    return handshake(2, cat(u16(version), random, new byte[] {0}, u16(suite), new byte[] {0}));
  }

  private static byte[] ecdheParams(boolean sigAlg) {
    byte[] params = cat(new byte[] {3}, u16(0x001d), new byte[] {32}, fill(32, 0xaa));
    return handshake(12, cat(params, sigAlg ? u16(0x0804) : new byte[0], u16(4), new byte[] {1, 2, 3, 4}));
  }

  /** The server's flight and the client's answer; returns the two frames' results. */
  private List<TransportFrames.Result> conversation(int clientPort, int version, int suite, byte[] serverMsgs,
      byte[] clientMsgs) {
    List<TransportFrames.Result> out = new ArrayList<>();
    byte[] server = record(version, cat(serverHello(version, suite), serverMsgs, handshake(14, new byte[0])));
    byte[] client = record(version, clientMsgs);
    out.add(send(true, clientPort, server));
    out.add(send(false, clientPort, client));
    return out;
  }

  private TransportFrames.Result send(boolean fromServer, int clientPort, byte[] data) {
    byte[] seg = TransportFrames.tcp(fromServer ? 443 : clientPort, fromServer ? clientPort : 443, 1, 1, 0x18, 65535,
        new byte[0], data);
    byte[] frame = eth(0x0800, TransportFrames.ipv4(fromServer ? "10.0.0.2" : "10.0.0.1",
        fromServer ? "10.0.0.1" : "10.0.0.2", 6, seg));
    return TransportFrames.dissect(engine, ethernet(frame, frames++ * 1_000_000L, frame.length));
  }

  @Test
  void ecdheWithTls12SignatureAlgorithmAndCertificateVerify() {
    List<TransportFrames.Result> r = conversation(40001, 0x0303, 0xc02f, ecdheParams(true),
        cat(handshake(16, cat(new byte[] {32}, fill(32, 0xbb))), handshake(15, cat(u16(0x0401), u16(2),
            new byte[] {7, 8}))));
    TransportFrames.Result s = r.get(0);
    assertEquals("0x03", s.get("tls.handshake.server_curve_type"));
    assertEquals("0x001d", s.get("tls.handshake.server_named_curve"));
    assertEquals("32", s.get("tls.handshake.server_point_len"));
    assertEquals("aa".repeat(32), s.get("tls.handshake.server_point"));
    assertEquals("0x0804", s.get("tls.handshake.sig_hash_alg"));
    assertEquals("8", s.get("tls.handshake.sig_hash_hash"));
    assertEquals("4", s.get("tls.handshake.sig_hash_sig"));
    assertEquals("4", s.get("tls.handshake.sig_len"));
    assertEquals("01020304", s.get("tls.handshake.sig"));
    TransportFrames.Result c = r.get(1);
    assertEquals("32", c.get("tls.handshake.client_point_len"));
    assertEquals("bb".repeat(32), c.get("tls.handshake.client_point"));
    assertEquals("0x0401", c.get("tls.handshake.sig_hash_alg"));
    assertEquals("2", c.get("tls.handshake.client_cert_vrfy.sig_len"));
    assertEquals("0708", c.get("tls.handshake.client_cert_vrfy.sig"));
    assertEquals("Client Key Exchange, Certificate Verify", c.info);
  }

  @Test
  void dheParametersAndClientPublicValue() {
    byte[] params = cat(u16(4), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfb}, u16(1),
        new byte[] {2}, u16(4), new byte[] {0x11, 0x22, 0x33, 0x44});
    List<TransportFrames.Result> r = conversation(40002, 0x0303, 0x009e,
        handshake(12, cat(params, u16(0x0401), u16(2), new byte[] {5, 6})),
        handshake(16, cat(u16(3), new byte[] {1, 2, 3})));
    TransportFrames.Result s = r.get(0);
    assertEquals("4", s.get("tls.handshake.p_len"));
    assertEquals("fffffffb", s.get("tls.handshake.p"));
    assertEquals("1", s.get("tls.handshake.g_len"));
    assertEquals("02", s.get("tls.handshake.g"));
    assertEquals("4", s.get("tls.handshake.ys_len"));
    assertEquals("11223344", s.get("tls.handshake.ys"));
    assertEquals("0x0401", s.get("tls.handshake.sig_hash_alg"));
    assertEquals("0506", s.get("tls.handshake.sig"));
    assertEquals("3", r.get(1).get("tls.handshake.yc_len"));
    assertEquals("010203", r.get(1).get("tls.handshake.yc"));
  }

  @Test
  void rsaPremasterSecretAndTls10SignatureWithoutAlgorithm() {
    List<TransportFrames.Result> rsa = conversation(40003, 0x0301, 0x002f, new byte[0],
        handshake(16, cat(u16(4), fill(4, 0x09))));
    assertEquals("4", rsa.get(1).get("tls.handshake.epms_len"));
    assertEquals("09090909", rsa.get(1).get("tls.handshake.epms"));
    List<TransportFrames.Result> ec10 = conversation(40004, 0x0301, 0xc013, ecdheParams(false),
        handshake(16, new byte[] {2, (byte) 0xcc, (byte) 0xcc}));
    assertEquals("", ec10.get(0).get("tls.handshake.sig_hash_alg"));
    assertEquals("4", ec10.get(0).get("tls.handshake.sig_len"));
    assertEquals("cccc", ec10.get(1).get("tls.handshake.client_point"));
    List<TransportFrames.Result> ssl3 = conversation(40005, 0x0300, 0x000a, new byte[0],
        handshake(16, fill(3, 0xee)));
    assertEquals("", ssl3.get(1).get("tls.handshake.epms_len"));
    assertEquals("eeeeee", ssl3.get(1).get("tls.handshake.epms"));
  }
}
