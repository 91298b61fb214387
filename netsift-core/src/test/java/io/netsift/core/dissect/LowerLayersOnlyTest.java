package io.netsift.core.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A registry that stops at the transport layer must give lower-layer fields exactly the values
 * the full registry gives: the CLI uses it for -T fields and -Y -w runs that ask for nothing
 * above TCP and UDP.
 */
class LowerLayersOnlyTest {
  private static final List<String> LOWER = List.of("frame.number", "frame.len", "frame.time_relative", "eth.src",
      "eth.type", "vlan.id", "ip.src", "ip.dst", "ip.len", "ip.id", "ip.flags", "ip.proto", "ipv6.src", "ipv6.dst",
      "ipv6.plen", "tcp.srcport", "tcp.dstport", "tcp.port", "tcp.seq", "tcp.ack", "tcp.len", "tcp.stream",
      "tcp.flags", "tcp.window_size", "tcp.payload", "tcp.options.mss_val", "udp.srcport", "udp.dstport",
      "udp.length", "udp.stream", "udp.payload", "icmp.type", "icmp.code", "arp.opcode");

  @Test
  void onlyLowerLayerNamesPrune() {
    Protocols std = Protocols.standard();
    FieldRegistry reg = FieldRegistry.standard();
    assertNotSame(std, std.forFields(List.of("ip.src", "tcp.port", "udp", "frame.len"), reg));
    for (String upper : List.of("http.host", "dns", "json.value.string", "x509sat.printableString",
        "frame.protocols", "tcp.reassembled_in", "tcp.segment", "_ws.col.Info", "_ws.expert", "data.data")) {
      assertSame(std, std.forFields(List.of("ip.src", upper), reg), upper + " needs application dissection");
    }
    Protocols low = std.lowerLayersOnly();
    assertNull(low.lookup(Protocols.Table.TCP_PORT, 80), "no HTTP on port 80");
    assertNull(low.lookup(Protocols.Table.UDP_PORT, 53), "no DNS on port 53");
    assertEquals("http", std.lookup(Protocols.Table.TCP_PORT, 80).name(), "the standard registry is untouched");
    assertTrue(low.isLowerLayer(low.byName("tcp")));
    for (String tunnel : List.of("vxlan", "geneve", "gtp", "teredo", "l2tp", "udpencap", "ayiya")) {
      assertNotSame(std, std.forFields(List.of("ip.src", tunnel), reg), tunnel + " is a lower layer");
    }
    assertEquals("vxlan", low.lookup(Protocols.Table.UDP_PORT, 4789).name(), "tunnels stay");
  }

  @Test
  void lowerLayerFieldsAreTheSameWithoutApplications() throws Exception {
    List<Path> files = new ArrayList<>();
    Path samples = Path.of(System.getProperty("netsift.root", "..")).resolve("samples");
    try (Stream<Path> s = Files.list(samples)) {
      s.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 4, "the bundled samples");
    Path corpus = Path.of(System.getProperty("netsift.corpus", "../../shared/corpus"));
    for (String name : List.of("zeek__wikipedia.pcap", "zeek__http__get-to-ssh-server.pcap", "zeek__dns__dns-txt-multiple.trace",
        "zeek__ftp__ipv6.pcap", "dpkt__nb6-http.pcap",
        "zeek__tunnels__vxlan-encapsulated-http.pcap", "zeek__tunnels__Teredo.pcap", "pcapplusplus__gtp-u.pcap",
        "zeek__tunnels__geneve.pcap")) {
      if (Files.isRegularFile(corpus.resolve(name))) {
        files.add(corpus.resolve(name));
      }
    }
    Protocols std = Protocols.standard();
    Protocols low = std.forFields(LOWER, FieldRegistry.standard());
    assertNotSame(std, low);
    for (Path f : files) {
      assertEquals(fields(f, std), fields(f, low), f.toString());
    }
  }

  private static String fields(Path file, Protocols protocols) throws Exception {
    FieldsFormat.Options o = new FieldsFormat.Options();
    FieldsFormat ff = new FieldsFormat(LOWER, o, TimeFormat.of("r"), FieldRegistry.standard(), protocols.all());
    StringBuilder sb = new StringBuilder();
    DissectionEngine engine = new DissectionEngine(protocols);
    Frame frame = new Frame();
    try (CaptureReader r = CaptureReaders.open(file)) {
      while (r.next(frame)) {
        ff.append(engine.dissect(frame), sb);
      }
    }
    return sb.toString();
  }
}
