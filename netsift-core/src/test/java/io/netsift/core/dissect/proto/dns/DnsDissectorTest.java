package io.netsift.core.dissect.proto.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.golden.TsharkRows;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS, mDNS and LLMNR against tshark 4.0.17: every dns field tshark shows on the corpus files
 * that carry these protocols (and on {@code crafted.pcap}: a compression loop, a pointer past
 * the end, a message cut short, CAA, HTTPS, ECS, an unknown type), with the Protocol and Info
 * columns, frame.protocols and the expert messages. The expectations are recorded by
 * {@code scripts/dns/make-expectations.sh}. Rows where netsift stops below DNS (PPPoE, IP
 * reassembly: other issues) are counted, not compared.
 */
class DnsDissectorTest {
  @ParameterizedTest
  @ValueSource(strings = {"zeek__dns__mdns.pcap", "zeek__dns-edns-ecs.pcap", "zeek__dnssec__rrsig.pcap",
      "pcapplusplus__DnsPackets.pcap", "pcapplusplus__IgmpPackets.pcap", "ndpi__1kxun.pcap", "zeek__wikipedia.pcap",
      "zeek__tunnels__Teredo.pcap", "dpkt__dns_icmp.pcap", "suricata__dns__dns-tcp-www-google-com__dns.pcap",
      "zeek__dce-rpc__mapi.pcap", "crafted.pcap"})
  void matchesTshark(String file) throws IOException {
    Path capture;
    if (file.equals("crafted.pcap")) {
      capture = Path.of("src/test/resources/dns/crafted.pcap");
    } else {
      Path corpus = Corpus.dir();
      Assumptions.assumeTrue(corpus != null, "no corpus");
      capture = corpus.resolve(file);
    }
    Assumptions.assumeTrue(Files.exists(capture), "missing " + capture);
    List<String> expected = expected(file);
    String[] header = expected.get(0).split("\t", -1);
    FieldRegistry reg = FieldRegistry.standard();
    List<String> ours = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (reg.get(header[i]) != null) {
        ours.add(header[i]);
        cols.add(i);
      }
    }
    FieldsFormat fmt = new FieldsFormat(ours, new FieldsFormat.Options(), TimeFormat.RELATIVE, reg,
        Protocols.standard().all());
    List<String> lines = TsharkRows.fields(capture, fmt);
    assertEquals(expected.size() - 1, lines.size(), file + ": packets");
    int compared = 0;
    List<String> failures = new ArrayList<>();
    for (int p = 0; p < lines.size(); p++) {
      String[] t = expected.get(p + 1).split("\t", -1);
      String[] n = lines.get(p).split("\t", -1);
      if (!isDns(t[0]) || !isDns(n[0])) {
        continue; // not DNS, or a lower layer netsift lacks: other dissectors' business
      }
      compared++;
      for (int j = 0; j < cols.size(); j++) {
        int i = cols.get(j);
        String tv = i < t.length ? t[i] : "";
        String nv = j < n.length ? n[j] : "";
        if (!tv.equals(nv)) {
          failures.add(file + " frame " + (p + 1) + " " + header[i] + ": tshark [" + tv + "] netsift [" + nv + "]");
        }
      }
    }
    assertTrue(compared > 0, file + ": no DNS packet compared");
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), file);
  }

  private static boolean isDns(String protocols) {
    return protocols.contains(":dns") || protocols.contains(":mdns") || protocols.contains(":llmnr");
  }

  @org.junit.jupiter.api.Test
  void tcpMessagesAreLengthPrefixed() {
    DnsDissector dns = new DnsDissector();
    byte[] b = {0x00, 0x1d, 0x12, 0x34};
    assertEquals(StreamPdus.MORE, dns.pduLength(null, 0, b, 0, 1));
    assertEquals(2 + 0x1d, dns.pduLength(null, 0, b, 0, 4));
    assertEquals(2 + 0x1234, dns.pduLength(null, 0, b, 2, 2));
  }

  /** Random and cut messages on every DNS port must never throw, in any of the three passes. */
  @org.junit.jupiter.api.Test
  void randomMessagesNeverThrow() throws IOException {
    java.util.Random rnd = new java.util.Random(53);
    DissectionEngine e = new DissectionEngine();
    FieldsFormat fmt = new FieldsFormat(List.of("dns.qry.name", "dns.resp.name", "dns.a", "_ws.col.Info"),
        new FieldsFormat.Options(), TimeFormat.RELATIVE, FieldRegistry.standard(), Protocols.standard().all());
    byte[] seed = Files.readAllBytes(Path.of("src/test/resources/dns/crafted.pcap"));
    int[] ports = {53, 5353, 5355};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20000; i++) {
      byte[] msg = new byte[rnd.nextInt(80)];
      rnd.nextBytes(msg);
      if (msg.length > 12 && rnd.nextBoolean()) {
        // A plausible header: small counts, so the walk reaches names and records.
        msg[4] = 0;
        msg[5] = (byte) rnd.nextInt(3);
        msg[6] = 0;
        msg[7] = (byte) rnd.nextInt(3);
        msg[8] = 0;
        msg[9] = 0;
        msg[10] = 0;
        msg[11] = (byte) rnd.nextInt(2);
      }
      if (rnd.nextInt(4) == 0 && seed.length > 100) {
        // A real message from the crafted capture with bytes flipped or cut.
        int from = 24 + 16 + 42;
        msg = java.util.Arrays.copyOfRange(seed, from, Math.min(seed.length, from + rnd.nextInt(120)));
        if (msg.length > 0) {
          msg[rnd.nextInt(msg.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
      }
      boolean tcp = rnd.nextInt(4) == 0;
      byte[] frame = tcp ? tcp4(msg) : udp4(ports[rnd.nextInt(ports.length)], msg);
      Frame f = new Frame();
      f.data = frame;
      f.offset = 0;
      f.capturedLength = rnd.nextInt(5) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      f.originalLength = frame.length;
      f.timestampNanos = i * 1_000_000L;
      f.linkType = 1;
      Dissection d = e.dissect(f);
      sb.setLength(0);
      fmt.append(d, sb);
      io.netsift.core.dissect.Columns c = new io.netsift.core.dissect.Columns();
      new io.netsift.core.dissect.Walk().columns(d, c);
    }
    assertTrue(sb.length() > 0);
  }

  /**
   * Pending queries are capped (udp.state_max_total / 256 bytes each, 131,072 by default): a
   * response after that many newer queries finds no request (tshark, which keeps every query,
   * would match it); one within the cap does.
   */
  @org.junit.jupiter.api.Test
  void theOldestPendingQueriesAreForgottenPastTheCap() {
    long max = io.netsift.core.dissect.proto.UdpDissector.DEFAULT_STATE_MAX / DnsDissector.TRANSACTION_BYTES;
    assertEquals(131_072, max);
    assertEquals("1\t", responseAfter((int) max - 1));
    assertEquals("\t1", responseAfter((int) max));
  }

  /** dns.response_to and dns.unsolicited of the response to frame 1, {@code others} queries later. */
  private static String responseAfter(int others) {
    DissectionEngine e = new DissectionEngine();
    FieldsFormat fmt = new FieldsFormat(List.of("dns.response_to", "dns.unsolicited"), new FieldsFormat.Options(),
        TimeFormat.RELATIVE, FieldRegistry.standard(), Protocols.standard().all());
    Frame f = new Frame();
    f.linkType = 1;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= others + 1; i++) {
      boolean last = i == others + 1;
      int port = i == 0 || last ? 40000 : 1024 + (i % 30000);
      int id = i == 0 || last ? 1 : 2 + i / 30000;
      byte[] msg = {(byte) (id >> 8), (byte) id, (byte) (last ? 0x81 : 0x01), 0, 0, 0, 0, 0, 0, 0, 0, 0};
      f.data = last ? udp4(53, port, msg) : udp4(port, 53, msg);
      if (last) { // the response goes back: 10.0.0.2 to 10.0.0.1
        f.data[14 + 15] = 2;
        f.data[14 + 19] = 1;
      }
      f.offset = 0;
      f.capturedLength = f.data.length;
      f.originalLength = f.data.length;
      f.timestampNanos = i * 1_000L;
      Dissection d = e.dissect(f);
      if (last) {
        fmt.append(d, sb);
      }
    }
    return sb.toString().replace("\n", "");
  }

  private static byte[] udp4(int port, byte[] payload) {
    return udp4(port, 40000, payload);
  }

  private static byte[] udp4(int port, int dport, byte[] payload) {
    byte[] udp = new byte[8 + payload.length];
    udp[0] = (byte) (port >> 8);
    udp[1] = (byte) port;
    udp[2] = (byte) (dport >> 8);
    udp[3] = (byte) dport;
    udp[4] = (byte) (udp.length >> 8);
    udp[5] = (byte) udp.length;
    System.arraycopy(payload, 0, udp, 8, payload.length);
    return ether(ipv4(17, udp));
  }

  private static byte[] tcp4(byte[] payload) {
    byte[] seg = new byte[20 + 2 + payload.length];
    seg[0] = 0;
    seg[1] = 53;
    seg[2] = (byte) 0x9c;
    seg[3] = 0x41;
    seg[12] = 0x50;
    seg[13] = 0x18;
    seg[14] = 0x10;
    seg[20] = (byte) (payload.length >> 8);
    seg[21] = (byte) payload.length;
    System.arraycopy(payload, 0, seg, 22, payload.length);
    return ether(ipv4(6, seg));
  }

  private static byte[] ipv4(int proto, byte[] payload) {
    byte[] p = new byte[20 + payload.length];
    p[0] = 0x45;
    p[2] = (byte) (p.length >> 8);
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = (byte) proto;
    p[12] = 10;
    p[15] = 1;
    p[16] = 10;
    p[19] = 2;
    System.arraycopy(payload, 0, p, 20, payload.length);
    return p;
  }

  private static byte[] ether(byte[] ip) {
    byte[] f = new byte[14 + ip.length];
    f[12] = 0x08;
    System.arraycopy(ip, 0, f, 14, ip.length);
    return f;
  }

  private static List<String> expected(String file) throws IOException {
    return TsharkRows.resource("/dns/expected/" + file + ".tsv.gz");
  }

}
