package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WireGuard against tshark 4.0: rows of {@code tshark -n -T fields -e ...} on
 * ndpi__wireguard.pcap, and inline frames (UDP 40000 → 40001, not the usual port, so only the
 * heuristic finds them) with tshark's values for the same bytes.
 */
class WireGuardDissectorTest {
  private static final String[] FIELDS = {"_ws.col.Info", "wg.type", "wg.sender", "wg.receiver",
      "wg.ephemeral", "wg.ephemeral.known_privkey", "wg.encrypted_static", "wg.mac1", "wg.counter",
      "wg.encrypted_packet", "wg.stream", "wg.response_to", "wg.keepalive"};

  @Test
  void handshakeSessionsAndKeepalivesMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("ndpi__wireguard.pcap", FIELDS);
    assertEquals("Handshake Initiation, sender=0x30D037D8\t1\t0x30d037d8\t\t"
        + "X87HyOXI4uP3mJ7vYMIo2CMp1gK2seK7nQaPic+dTUU=\t0\t1\t533b01dd965e7ec76976e28f683d6712\t\t\t0\t\t",
        TextAppsCorpus.row(rows, 1));
    assertEquals("Handshake Response, sender=0xAB7DF406, receiver=0x30D037D8\t2\t0xab7df406\t0x30d037d8\t"
        + "sY1VUL1AQqN6RoI6wI2x7GaDm8DKLWS8Fc2AIytmIy8=\t0\t\tf272214c5260110dc4c61e32cdd85421\t\t\t0\t1\t",
        TextAppsCorpus.row(rows, 2));
    assertEquals("Keepalive, receiver=0xAB7DF406, counter=3\t4\t\t0xab7df406\t\t\t\t\t3\t1\t0\t\t1",
        TextAppsCorpus.row(rows, 9));
    // The second handshake is a second session; the first session's index still leads to it.
    assertEquals("Handshake Response, sender=0x26DE9EB9, receiver=0xBFFD41C5\t2\t0x26de9eb9\t0xbffd41c5\t"
        + "LPDl3BaprzAmhvFeV8ta6YIGFs6lm40LVGZUOk9OJgk=\t0\t\t8d2921c858f91f5922c4331b4563f355\t\t\t1\t13\t",
        TextAppsCorpus.row(rows, 14));
    assertEquals("Transport Data, receiver=0xAB7DF406, counter=5, datalen=96\t4\t\t0xab7df406\t\t\t\t\t5\t1\t0\t\t",
        TextAppsCorpus.row(rows, 15));
    // A session whose handshake the capture missed has no stream index.
    assertEquals("Transport Data, receiver=0x8D6940BE, counter=107, datalen=768\t4\t\t0x8d6940be\t\t\t\t\t107\t1\t\t\t",
        TextAppsCorpus.row(rows, 23));
  }

  @Test
  void cookieReplyOnAnyPort() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 5c 00 01 00 00 40 11 66 8e 0a 00 00 01 0a 00 00 02 9c 40 9c 41 00 48 00 00 03 00 00 00 77 00 00 00 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 05 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06 06"),
        "frame.protocols", "eth:ethertype:ip:udp:wg",
        "_ws.col.Protocol", "WireGuard",
        "_ws.col.Info", "Cookie Reply, receiver=0x00000077",
        "wg.reserved", "000000",
        "wg.receiver", "0x00000077",
        "wg.nonce", "050505050505050505050505050505050505050505050505",
        "wg.encrypted_cookie", "0606060606060606060606060606060606060606060606060606060606060606",
        "wg.stream", "");
  }

  /** A transport message needs its 16-byte header and a 16-byte tag: 31 bytes stay data. */
  @Test
  void heuristicRejectsAShortTransportMessage() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 3b 00 01 00 00 40 11 66 af 0a 00 00 01 0a 00 00 02 9c 40 9c 41 00 27 00 00 04 00 00 00 34 12 00 00 07 00 00 00 00 00 00 00 aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa"),
        "frame.protocols", "eth:ethertype:ip:udp:data",
        "_ws.col.Protocol", "UDP");
  }
}
