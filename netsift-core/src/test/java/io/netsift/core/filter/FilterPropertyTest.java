package io.netsift.core.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Laws that must hold on every packet, checked over the corpus: pairs of filters that mean the
 * same thing must select the same frames. They can fail: {@code ip.addr != X} is "no address is
 * X" and must equal {@code ip.addr && !(ip.addr == X)}, not {@code !(ip.addr == X)} (which also
 * selects frames without IP); a mistake in the multi-occurrence rules, in negation or in the
 * treatment of absent fields breaks one of them.
 *
 * <p>By default the captures of at most 32 KiB are used (131 files, about 6,500 frames); with
 * {@code -Dnetsift.filter.wholeCorpus=true} every capture is. Random choices use a fixed seed
 * ({@code -Dnetsift.filter.seed} overrides it), printed with any failure.
 */
class FilterPropertyTest {
  /** (field, value) pairs whose values occur in the corpus, so both outcomes are exercised. */
  private static final String[][] FIELD_VALUES = {
      {"ip.addr", "192.168.43.9"}, {"ip.addr", "8.8.8.8"}, {"ip.addr", "10.0.0.0/8"}, {"ip.src", "192.168.0.0/16"},
      {"ip.ttl", "64"}, {"ip.ttl", "128"}, {"ip.proto", "17"}, {"ip.proto", "TCP"}, {"ip.flags.df", "1"},
      {"udp.port", "53"}, {"udp.port", "137"}, {"udp.srcport", "5353"}, {"tcp.port", "80"}, {"tcp.port", "443"},
      {"tcp.flags.syn", "1"}, {"tcp.len", "0"}, {"eth.addr", "ff:ff:ff:ff:ff:ff"}, {"eth.type", "0x0800"},
      {"ipv6.addr", "fe80::/10"}, {"ipv6.nxt", "58"}, {"vlan.id", "10"}, {"icmp.type", "8"}, {"icmpv6.type", "135"},
      {"arp.opcode", "1"}, {"frame.len", "60"}, {"eth.src[0:3]", "00:00:0c"}, {"ip.addr#2", "192.168.0.0/16"},
      {"len(ip.src)", "4", "ip.src"}, {"string(udp.port)", "\"53\"", "udp.port"}, {"tcp.port + 1", "81", "tcp.port"},
  };

  /** Atomic tests to combine at random. */
  private static final String[] ATOMS = {
      "ip", "ipv6", "tcp", "udp", "icmp", "arp", "vlan", "eth", "ip.flags.df", "tcp.flags.syn == 1",
      "tcp.flags.ack == 1", "ip.addr == 192.168.0.0/16", "ip.addr != 10.0.0.0/8", "ip.ttl > 64", "ip.ttl <= 32",
      "udp.port == 53", "udp.port != 53", "tcp.port in {80, 443}", "tcp.port !== 80", "frame.len > 100",
      "frame.len < 70", "eth.dst == ff:ff:ff:ff:ff:ff", "frame contains 00:00:00:00", "tcp.payload contains \"HTTP\"",
      "frame matches \"(?-i)GET\"", "ipv6.addr == fe80::/10", "ip#2", "ip.src#2 == 0.0.0.0/0", "all ip.ttl > 32",
      "any udp.port > 1024", "tcp.len > 0", "frame[12:2] == 08:00", "udp.srcport & 1", "count(ip.addr) == 2",
      "ip.proto == UDP", "icmp.type == 3", "arp.opcode == 2", "vlan.id#2", "data", "frame.number > 5",
  };

  @Test
  void lawsHoldOnEveryPacket() throws IOException {
    Path dir = FilterCorpus.dir();
    Assumptions.assumeTrue(dir != null, "corpus not found (../shared/corpus)");
    long seed = Long.getLong("netsift.filter.seed", 20240501L);
    Random rnd = new Random(seed);
    List<String[]> laws = laws(rnd);
    List<Filter[]> compiled = new ArrayList<>();
    for (String[] law : laws) {
      try {
        compiled.add(new Filter[] {Filter.compile(law[0]), Filter.compile(law[1])});
      } catch (FilterException e) {
        throw new AssertionError("law does not compile: " + law[0] + " / " + law[1] + "\n" + e.pointer(), e);
      }
    }
    boolean whole = Boolean.getBoolean("netsift.filter.wholeCorpus");
    List<Path> captures;
    try (Stream<Path> s = Files.list(dir)) {
      captures = s.filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".csv"))
          .filter(p -> whole || size(p) <= 32 * 1024).sorted().collect(Collectors.toList());
    }
    List<String> failures = new ArrayList<>();
    long packets = 0;
    long[] hits = new long[laws.size()];
    for (Path capture : captures) {
      try (CaptureReader r = CaptureReaders.open(capture)) {
        DissectionEngine e = new DissectionEngine();
        Frame f = new Frame();
        while (next(r, f)) {
          Dissection d = e.dissect(f);
          packets++;
          for (int i = 0; i < compiled.size(); i++) {
            boolean a = compiled.get(i)[0].matches(d);
            boolean b = compiled.get(i)[1].matches(d);
            if (a) {
              hits[i]++;
            }
            if (a != b && failures.size() < 20) {
              failures.add(capture.getFileName() + " frame " + d.number() + ": \"" + laws.get(i)[0] + "\" is " + a
                  + " but \"" + laws.get(i)[1] + "\" is " + b);
            }
          }
        }
      } catch (IOException ex) {
        // A format netsift does not read: nothing to check in this file.
      }
    }
    assertTrue(failures.isEmpty(), "seed " + seed + ", " + packets + " packets:\n" + String.join("\n", failures));
    long exercised = java.util.Arrays.stream(hits).filter(h -> h > 0).count();
    System.out.println("Filter laws: " + laws.size() + " pairs agree on " + packets + " packets of " + captures.size()
        + " captures; " + exercised + " of them matched at least one packet");
    assertTrue(packets > 1000, "too few packets read: " + packets);
  }

  /** The next frame, or false at the end or at damage (the frames before it were checked). */
  private static boolean next(CaptureReader r, Frame f) {
    try {
      return r.next(f);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Pairs of filters that must agree. */
  static List<String[]> laws(Random rnd) {
    List<String[]> out = new ArrayList<>();
    for (String[] fv : FIELD_VALUES) {
      String f = fv[0];
      String v = fv[1];
      String exists = fv.length > 2 ? fv[2] : f;
      // A field in an expression implies it exists: != is "present and none equal".
      out.add(new String[] {f + " != " + v, exists + " && !(" + f + " == " + v + ")"});
      out.add(new String[] {f + " !== " + v, exists + " && !(" + f + " === " + v + ")"});
      out.add(new String[] {f + " ne " + v, "all " + f + " != " + v});
      if (!f.contains(" ")) {
        // (membership takes a field, slice or call on its left, not arithmetic)
        out.add(new String[] {f + " not in {" + v + "}", "!(" + f + " in {" + v + "})"});
      }
    }
    String[][] sets = {
        {"udp.port", "53", "137"}, {"tcp.port", "80", "443"}, {"ip.ttl", "64", "128"}, {"ip.addr", "8.8.8.8", "10.0.0.0/8"},
        {"eth.type", "0x0800", "0x86dd"}, {"icmp.type", "0", "8"}, {"frame.len", "60", "98"}, {"vlan.id", "10", "20"},
    };
    for (String[] s : sets) {
      out.add(new String[] {s[0] + " in {" + s[1] + ", " + s[2] + "}", s[0] + " == " + s[1] + " || " + s[0] + " == " + s[2]});
    }
    for (int k = 0; k < 60; k++) {
      String a = ATOMS[rnd.nextInt(ATOMS.length)];
      String b = ATOMS[rnd.nextInt(ATOMS.length)];
      out.add(new String[] {"!(" + a + " && " + b + ")", "!(" + a + ") || !(" + b + ")"});
      out.add(new String[] {"!(" + a + " || " + b + ")", "!(" + a + ") && !(" + b + ")"});
      out.add(new String[] {a + " xor " + b, "(" + a + " && !(" + b + ")) || (!(" + a + ") && " + b + ")"});
    }
    return out;
  }
}
