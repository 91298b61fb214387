package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.golden.Corpus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TLS and the X.509 layers against tshark 4.0 on real captures. Expected values come from
 * {@code tshark -n -r FILE -T fields -E occurrence=a -E aggregator=, -e ...} (one pass, empty
 * profile). Corpus files with TLS (tshark -Y tls): ndpi__1kxun, ndpi__6in4tunnel,
 * ndpi__KakaoTalk_talk, ndpi__alexa-app, ndpi__netflix, ndpi__ocs, ndpi__openvpn,
 * pcapplusplus__IgmpPackets, pcapplusplus__many-protocols, pcapplusplus__many_interfaces-1,
 * pcapplusplus__pcapng-example, pcapplusplus__raw_ip, pcapplusplus__tls2, scapy__tls_nss_example,
 * tcpdump__quic_handshake, zeek__pppoe-over-qinq, zeek__quic__*, zeek__smtp, zeek__ssh__ssh,
 * zeek__tls__imap-starttls, zeek__tls__ssl.v3, zeek__tls__tls1.2, zeek__tls__tls13-ech.
 */
class TlsDissectorTest {

  /** Dissects {@code file} and returns the results of the frames asked for (1-based). */
  private static Map<Integer, TransportFrames.Result> frames(String file, int... numbers) throws Exception {
    Map<Integer, TransportFrames.Result> out = new HashMap<>();
    DissectionEngine e = new DissectionEngine();
    org.junit.jupiter.api.Assumptions.assumeTrue(Corpus.dir() != null, "corpus directory ../shared/corpus not found");
    try (CaptureReader r = CaptureReaders.open(Corpus.dir().resolve(file))) {
      Frame f = new Frame();
      int n = 0;
      int max = java.util.Arrays.stream(numbers).max().orElse(0);
      while (n < max && r.next(f)) {
        n++;
        TransportFrames.Result res = TransportFrames.dissect(e, f);
        for (int want : numbers) {
          if (want == n) {
            out.put(n, res);
          }
        }
      }
    }
    return out;
  }

  @Test
  void tls13ClientAndServerHello() throws Exception {
    Map<Integer, TransportFrames.Result> m = frames("zeek__tls__tls13-ech.pcap", 1, 7, 9);
    TransportFrames.Result app = m.get(1);
    assertEquals("eth:ethertype:ip:tcp:tls", app.protocols);
    assertEquals("TLSv1.2", app.protocol);
    assertEquals("Application Data", app.info);
    assertEquals("Hypertext Transfer Protocol", app.get("tls.app_data_proto"));
    TransportFrames.Result ch = m.get(7);
    assertEquals("TLSv1", ch.protocol);
    assertEquals("Client Hello", ch.info);
    assertEquals("22", ch.get("tls.record.content_type"));
    assertEquals("0x0301", ch.get("tls.record.version"));
    assertEquals("1", ch.get("tls.handshake.type"));
    assertEquals("56026,65281,16,13,51,45,17513,35,43,10,65037,23,5,18,11,0,27,39578,21",
        ch.get("tls.handshake.extension.type"));
    assertEquals("0x8a8a,0x0304,0x0303", ch.get("tls.handshake.extensions.supported_version"));
    assertEquals("Nov 25, 2084 18:20:26.000000000 UTC", ch.get("tls.handshake.random_time"));
    assertEquals("2fcbf8655473005933c5869b2b5d8044", ch.get("tls.handshake.ja3"));
    assertEquals("cloudflare-ech.com", ch.get("tls.handshake.extensions_server_name"));
    assertEquals("h2,http/1.1", ch.get("tls.handshake.extensions_alpn_str"));
    TransportFrames.Result sh = m.get(9);
    assertEquals("TLSv1.3", sh.protocol);
    assertEquals("Server Hello, Change Cipher Spec, Application Data", sh.info);
    assertEquals("22,20", sh.get("tls.record.content_type"));
    assertEquals("23", sh.get("tls.record.opaque_type"));
    assertEquals("0x0303,0x0303,0x0303", sh.get("tls.record.version"));
    assertEquals("43,51", sh.get("tls.handshake.extension.type"));
    assertEquals("0x0304", sh.get("tls.handshake.extensions.supported_version"));
    assertEquals("", sh.get("tls.handshake.random_time"));
    assertEquals("f4febc55ea12b31ae17cfb7e614afda8", sh.get("tls.handshake.ja3s"));
  }

  @Test
  void tls12HandshakeAndAlert() throws Exception {
    Map<Integer, TransportFrames.Result> m = frames("zeek__tls__tls1.2.pcap", 4, 5, 10, 11, 20);
    assertEquals("TLSv1", m.get(4).protocol);
    assertEquals("Client Hello", m.get(4).info);
    assertEquals("317", m.get(4).get("tls.record.length"));
    // The Certificate record that starts in frame 5 ends in a later segment: nothing of it shows.
    assertEquals("TLSv1.2", m.get(5).protocol);
    assertEquals("Server Hello", m.get(5).info);
    assertEquals("81", m.get(5).get("tls.record.length"));
    assertEquals("Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message", m.get(10).info);
    assertEquals("262,1,32", m.get(10).get("tls.record.length"));
    assertEquals("Change Cipher Spec, Encrypted Handshake Message", m.get(11).info);
    assertEquals("Encrypted Alert", m.get(20).info);
    assertEquals("18", m.get(20).get("tls.record.length"));
  }

  @Test
  void certificateLayers() throws Exception {
    TransportFrames.Result r = frames("scapy__tls_nss_example.pcap", 6).get(6);
    assertEquals("eth:ethertype:ip:tcp:tls:x509sat:x509sat:x509sat:x509sat:x509sat:x509sat:x509sat:x509sat"
        + ":x509ce:x509ce:x509ce:x509ce:x509ce", r.protocols);
    assertEquals("TLSv1.2", r.protocol);
    assertEquals("Server Hello, Certificate, Server Key Exchange, Server Hello Done", r.info);
    assertEquals("00fe04570dc727e9f6", r.get("x509af.serialNumber"));
    assertEquals("2016-09-16 10:28:11 (UTC),2026-09-15 10:28:11 (UTC)", r.get("x509af.utcTime"));
    assertEquals("MN,MN", r.get("x509sat.CountryName"));
    assertEquals("1.2.840.113549.1.1.11,1.2.840.113549.1.1.1,1.2.840.113549.1.1.11", r.get("x509af.algorithm.id"));
    assertEquals("2.5.29.19,2.5.29.15,2.5.29.14,2.5.29.35,2.5.29.37", r.get("x509af.extension.id"));
    assertEquals("e0", r.get("x509ce.KeyUsage"));
    TransportFrames.Result old = frames("pcapplusplus__IgmpPackets.pcap", 25).get(25);
    // 2.5.29.1 (the obsolete authority key identifier) has no dissector in tshark: no layer, and
    // BER's warning in its place (tshark -z expert; stats/expected/pcapplusplus__IgmpPackets...).
    assertEquals("eth:ethertype:ip:tcp:tls:x509sat:x509sat:x509ce", old.protocols);
    assertEquals(List.of("BER: Dissector for OID not implemented. Contact Wireshark developers if you want this"
        + " supported"), old.experts);
    assertEquals("chmuthu-w7-tst3-ca3,chmuthu-w7-tst3", old.get("x509sat.printableString"));
    assertEquals("19af5d26ef02acb448ea8886a359af0a", old.get("x509af.serialNumber"));
  }

  @Test
  void sslv2CompatibleClientHello() throws Exception {
    TransportFrames.Result r = frames("zeek__tls__ssl.v3.pcap", 4).get(4);
    assertEquals("SSLv2", r.protocol);
    assertEquals("Client Hello", r.info);
    assertEquals("0x0002", r.get("tls.record.version"));
    assertEquals("85", r.get("tls.record.length"));
    assertEquals("0x0301", r.get("tls.handshake.version"));
    assertEquals("60", r.get("tls.handshake.cipher_spec_len"));
    assertEquals("16", r.get("tls.handshake.challenge_length"));
  }

  @Test
  void randomRecordsNeverThrowNorLoop() {
    Random rnd = new Random(443);
    DissectionEngine e = new DissectionEngine();
    byte[][] seeds = {
        TransportFrames.hex("16030100050100000100"), TransportFrames.hex("1503030002022f"),
        TransportFrames.hex("170303000000"), TransportFrames.hex("1603030000"), TransportFrames.hex("8055010301")};
    int frames = 0;
    for (int i = 0; i < 20000; i++) {
      byte[] body = new byte[rnd.nextInt(300)];
      rnd.nextBytes(body);
      byte[] seed = seeds[rnd.nextInt(seeds.length)];
      if (rnd.nextBoolean()) {
        System.arraycopy(seed, 0, body, 0, Math.min(seed.length, body.length));
      }
      if (body.length > 9 && rnd.nextInt(3) == 0) {
        // A handshake record holding a Certificate message with random DER inside.
        body[0] = 22;
        body[1] = 3;
        body[2] = 3;
        body[3] = (byte) ((body.length - 5) >> 8);
        body[4] = (byte) (body.length - 5);
        body[5] = 11;
        body[6] = 0;
        body[7] = (byte) ((body.length - 9) >> 8);
        body[8] = (byte) (body.length - 9);
      }
      byte[] seg = TransportFrames.tcp(40000 + rnd.nextInt(3), 443, i * 1000L, 1, 0x18, 1000, new byte[0], body);
      byte[] frame = TransportFrames.eth(0x0800, TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 6, seg));
      int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      TransportFrames.dissect(e, TransportFrames.ethernet(java.util.Arrays.copyOf(frame, captured), i * 1000L,
          frame.length));
      frames++;
    }
    assertTrue(frames > 0);
  }

  @Test
  void sslv2HelloListsItsCipherSpecsUnderTheCipherSuitesItem() throws java.io.IOException {
    // tshark 4.0 on zeek__tls__ssl.v3.pcap frame 4 (an SSLv2-compatible Client Hello): its
    // "Cipher Specs (20 specs)" item is tls.handshake.ciphersuites.
    java.util.List<String> rows = TextAppsCorpus.fields("zeek__tls__ssl.v3.pcap", "tls.handshake.ciphersuites",
        "tls.handshake.cipherspec");
    assertEquals("1\t0x000039,0x000038,0x000035,0x000033,0x000032,0x000004,0x000005,0x00002f,0x000016,0x000013,"
        + "0x00feff,0x00000a,0x000015,0x000012,0x00fefe,0x000009,0x000064,0x000062,0x000003,0x000006",
        TextAppsCorpus.row(rows, 4));
  }
}
