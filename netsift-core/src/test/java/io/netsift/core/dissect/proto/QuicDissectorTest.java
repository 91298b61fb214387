package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IETF QUIC against tshark 4.0 on the corpus captures that carry it: Info, the expert notes
 * (decryption context, unknown connection, padding), the header fields of every coalesced
 * packet, the frames of the decrypted Initial packets and the TLS handshake types of their
 * CRYPTO data; Google QUIC's header, handshake tag and "Truncated Tag Length..." notes on
 * ndpi__quic.pcap. Recorded by {@code scripts/quic/make-expectations.sh}.
 */
class QuicDissectorTest {
  private static final String[] FILES = {"tcpdump__quic_handshake.pcap",
      "zeek__quic__firefox-102.13.0esr-blog-cloudflare-com.pcap", "zeek__quic__interop__quic-go_quic-go__zerortt.pcap"};

  @ParameterizedTest
  @ValueSource(strings = {"tcpdump__quic_handshake.pcap", "zeek__quic__firefox-102.13.0esr-blog-cloudflare-com.pcap",
      "zeek__quic__interop__quic-go_quic-go__zerortt.pcap", "ndpi__quic.pcap"})
  void matchesTshark(String file) throws IOException {
    List<String> expected = TsharkRows.resource("/quic/expected/" + file + ".tsv.gz");
    String[] header = expected.get(0).split("\t", -1);
    FieldsFormat fmt = new FieldsFormat(List.of(header), new FieldsFormat.Options(), TimeFormat.RELATIVE,
        FieldRegistry.standard(), Protocols.standard().all());
    List<String> lines = TsharkRows.fields(capture(file), fmt);
    assertEquals(expected.size() - 1, lines.size(), file + ": packets");
    List<String> failures = new ArrayList<>();
    int quic = 0;
    for (int p = 0; p < lines.size(); p++) {
      String[] t = expected.get(p + 1).split("\t", -1);
      String[] n = lines.get(p).split("\t", -1);
      quic += t[0].contains("quic") ? 1 : 0;
      for (int j = 0; j < header.length; j++) {
        String got = j < n.length ? n[j] : "";
        if (!t[j].equals(got)) {
          failures.add(file + " frame " + (p + 1) + " " + header[j] + ": tshark [" + t[j] + "] netsift [" + got + "]");
        }
      }
    }
    assertTrue(quic > 10, file + ": QUIC frames");
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), file + ": " + failures.size()
        + " differences");
  }

  /** RFC 9001 appendix A.1: the client's Initial keys for the DCID 0x8394c8f03e515708. */
  @Test
  void initialKeysFollowRfc9001() throws Exception {
    HexFormat hex = HexFormat.of();
    byte[] initial = QuicDissector.hkdfExtract(hex.parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"),
        hex.parseHex("8394c8f03e515708"));
    byte[] client = QuicDissector.expandLabel(initial, "client in", 32);
    assertEquals("c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea", hex.formatHex(client));
    assertEquals("1f369613dd76d5467730efcbe3b1a22d", hex.formatHex(QuicDissector.expandLabel(client, "quic key", 16)));
    assertEquals("fa044b2f42a3fd3b46fb255c", hex.formatHex(QuicDissector.expandLabel(client, "quic iv", 12)));
    assertEquals("9f50449e04a0e810283a1e9933adedd2", hex.formatHex(QuicDissector.expandLabel(client, "quic hp", 16)));
  }

  /** RFC 9000 appendix A.3's example, and a varint of each length (section 16). */
  @Test
  void packetNumbersAndVarints() {
    assertEquals(0xa82f9b32L, QuicDissector.decodePacketNumber(0xa82f30eaL, 0x9b32, 16));
    byte[] b = HexFormat.of().parseHex("c2197c5eff14e88c" + "9d7f3e7d" + "7bbd" + "25");
    assertEquals(8, QuicDissector.varintLength(b, 0, b.length));
    assertEquals(151288809941952652L, QuicDissector.varint(b, 0, 8));
    assertEquals(494878333L, QuicDissector.varint(b, 8, 4));
    assertEquals(15293L, QuicDissector.varint(b, 12, 2));
    assertEquals(37L, QuicDissector.varint(b, 14, 1));
    assertEquals(0, QuicDissector.varintLength(b, 8, 11)); // a 4-byte varint cut short
  }

  /**
   * The corpus datagrams, truncated, with bytes changed and with random bytes after a
   * QUIC-looking first byte, through one engine: the first pass, the walk and the columns never
   * throw.
   */
  @Test
  void damagedDatagramsNeverThrow() throws IOException {
    List<byte[]> datagrams = new ArrayList<>();
    for (String file : FILES) {
      Path c = Corpus.dir() == null ? null : Corpus.dir().resolve(file);
      if (c == null || !Files.exists(c)) {
        continue;
      }
      try (CaptureReader r = CaptureReaders.open(c)) {
        DissectionEngine e = new DissectionEngine();
        Frame f = new Frame();
        while (r.next(f) && datagrams.size() < 200) {
          Dissection d = e.dissect(f);
          int q = d.find(Protocols.standard().byName("quic"), 0);
          if (q >= 0) {
            datagrams.add(Arrays.copyOfRange(d.data(), d.start(q), d.end(q)));
          }
        }
      }
    }
    Random rnd = new Random(9);
    for (int i = 0; i < 200; i++) {
      byte[] g = new byte[1 + rnd.nextInt(1300)];
      rnd.nextBytes(g);
      g[0] = (byte) (rnd.nextBoolean() ? 0xc0 | rnd.nextInt(0x40) : 0x40 | rnd.nextInt(0x40));
      if (g.length > 5 && rnd.nextBoolean()) {
        g[1] = 0; // version 1, so an Initial goes as far as the decryption
        g[2] = 0;
        g[3] = 0;
        g[4] = 1;
      }
      datagrams.add(g);
    }
    DissectionEngine e = new DissectionEngine();
    int frames = 0;
    for (int i = 0; i < 6000; i++) {
      byte[] payload = datagrams.get(rnd.nextInt(datagrams.size())).clone();
      int cut = rnd.nextInt(3) == 0 ? rnd.nextInt(payload.length + 1) : payload.length;
      payload = Arrays.copyOf(payload, cut);
      for (int k = rnd.nextInt(3); k > 0 && payload.length > 0; k--) {
        payload[rnd.nextInt(payload.length)] = (byte) rnd.nextInt(256);
      }
      byte[] udp = new byte[8 + payload.length];
      boolean toServer = rnd.nextBoolean();
      TransportFrames.put16(udp, 0, toServer ? 50000 : 443);
      TransportFrames.put16(udp, 2, toServer ? 443 : 50000);
      TransportFrames.put16(udp, 4, udp.length);
      System.arraycopy(payload, 0, udp, 8, payload.length);
      byte[] frame = toServer ? eth(0x0800, TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 17, udp))
          : eth(0x0800, TransportFrames.ipv4("10.0.0.2", "10.0.0.1", 17, udp));
      TransportFrames.dissect(e, ethernet(frame, i * 1_000_000L, frame.length));
      frames++;
    }
    assertTrue(frames > 0);
  }

  /** Google QUIC on 443 (no fixed bit, or a Q0xx version) is not taken for an IETF long header. */
  @Test
  void googleQuicIsNotIetfQuic() {
    byte[] gquicClient = new byte[8 + 20];
    TransportFrames.put16(gquicClient, 2, 443);
    gquicClient[8] = 0x0d; // public flags: version, 8-byte CID
    assertTrue(!QuicDissector.longHeader(gquicClient, 8, 20));
    byte[] q046 = new byte[8 + 20];
    TransportFrames.put16(q046, 2, 443);
    q046[8] = (byte) 0xc3;
    System.arraycopy("Q046".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, q046, 9, 4);
    assertTrue(!QuicDissector.longHeader(q046, 8, 20));
    q046[9] = 0; // version 1
    q046[10] = 0;
    q046[11] = 0;
    q046[12] = 1;
    assertTrue(QuicDissector.longHeader(q046, 8, 20));
    TransportFrames.put16(q046, 2, 4433);
    assertTrue(!QuicDissector.longHeader(q046, 8, 20));
  }

  private static Path capture(String file) {
    Path corpus = Corpus.dir();
    Assumptions.assumeTrue(corpus != null, "no corpus");
    Path capture = corpus.resolve(file);
    Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
    return capture;
  }
}
