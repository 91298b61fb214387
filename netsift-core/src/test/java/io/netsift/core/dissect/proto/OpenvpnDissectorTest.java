package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.DissectionEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * OpenVPN against tshark 4.0 on ndpi__openvpn.pcap (UDP and TCP port 1194): every OpenVPN
 * packet's fields, the control channel's fragments joined and handed to TLS, and the notes TLS
 * raises on what it is handed (recorded by scripts/apps/make-protocol-rows.sh).
 */
class OpenvpnDissectorTest {
  private static final Path EXPECTED = Path.of("src/test/resources/openvpn/ndpi__openvpn.pcap.tsv");

  @Test
  void everyOpenvpnPacketMatchesTshark() throws IOException {
    // Frame 88's Certificate Request names its CAs; netsift does not dissect those yet.
    TextAppsCorpus.Comparison c = TextAppsCorpus.compare(EXPECTED, "ndpi__openvpn.pcap",
        (frame, field) -> frame.equals("88") && field.equals("frame.protocols"));
    assertTrue(c.compared > 5000, "compared " + c.compared);
    assertEquals(List.of(), c.differences);
  }

  /**
   * A hard reset with tls-auth (an array length of 0x00 would say none, but the HMAC's first bytes
   * have no zero): the HMAC, replay packet-id and net time come before the array, as tshark 4.0
   * shows the same bytes.
   */
  @Test
  void tlsAuthHeader() {
    expect(dissect(LinkType.ETHERNET, "00112233445566778899aabb08004500004600010000401100000a0000010a000002"
            + "9c4004aa00320000380102030405060708a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4000000015a0000000000000000"),
        "frame.protocols", "eth:ethertype:ip:udp:openvpn",
        "_ws.col.Info", "MessageType: P_CONTROL_HARD_RESET_CLIENT_V2",
        "openvpn.opcode", "0x07",
        "openvpn.hmac", "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4",
        "openvpn.pid", "1",
        "openvpn.net_time", "Nov  6, 2017 06:24:00.000000000 UTC",
        "openvpn.mpidarraylength", "0",
        "openvpn.mpid", "0");
  }

  /**
   * A control packet cut short after its session id: tshark reads the next byte unguarded, so
   * the packet is malformed after the items that fit (the same bytes through tshark 4.0).
   */
  @Test
  void truncatedControlPacket() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 25 00 01 00 00 40 11 66 c4 0a 00 00 01 0a 00 00 02 c0 00 04 aa 00 11 00 00 20 01 02 03 04 05 06 07 08"),
        "frame.protocols", "eth:ethertype:ip:udp:openvpn",
        "_ws.col.Protocol", "OpenVPN",
        "_ws.col.Info", "MessageType: P_CONTROL_V1[Malformed Packet]",
        "openvpn.opcode", "0x04",
        "openvpn.sessionid", "72623859790382856",
        "_ws.expert.message", "Malformed Packet (Exception occurred)");
  }

  /**
   * Random packets to and from port 1194 over UDP and TCP, starting with every opcode, with
   * random array lengths, 100-byte control payloads (fragments to join) and cut short: the first
   * pass, the field walk and the columns never throw, and one engine joins across all of it.
   */
  @Test
  void randomPacketsNeverThrow() {
    Random rnd = new Random(1194);
    DissectionEngine e = new DissectionEngine();
    for (int i = 0; i < 20000; i++) {
      byte[] body = new byte[rnd.nextInt(4) == 0 ? 14 + 100 : rnd.nextInt(160)];
      rnd.nextBytes(body);
      if (body.length > 0) {
        body[0] = (byte) ((rnd.nextInt(13) << 3) | rnd.nextInt(8));
      }
      if (body.length > 9 && rnd.nextBoolean()) {
        body[9] = (byte) rnd.nextInt(3); // a short ack array, or none
      }
      boolean toServer = rnd.nextBoolean();
      int client = 40000 + rnd.nextInt(2);
      int sport = toServer ? client : OpenvpnDissector.PORT;
      int dport = toServer ? OpenvpnDissector.PORT : client;
      byte[] frame;
      if (rnd.nextBoolean()) {
        byte[] udp = new byte[8 + body.length];
        TransportFrames.put16(udp, 0, sport);
        TransportFrames.put16(udp, 2, dport);
        TransportFrames.put16(udp, 4, udp.length);
        System.arraycopy(body, 0, udp, 8, body.length);
        frame = TransportFrames.eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
            toServer ? "10.0.0.2" : "10.0.0.1", 17, udp));
      } else {
        byte[] pdu = new byte[2 + body.length];
        TransportFrames.put16(pdu, 0, rnd.nextInt(8) == 0 ? rnd.nextInt(65536) : body.length);
        System.arraycopy(body, 0, pdu, 2, body.length);
        byte[] seg = TransportFrames.tcp(sport, dport, i * 1000L, 1, 0x18, 1000, new byte[0], pdu);
        frame = TransportFrames.eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
            toServer ? "10.0.0.2" : "10.0.0.1", 6, seg));
      }
      int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      TransportFrames.dissect(e, TransportFrames.ethernet(java.util.Arrays.copyOf(frame, captured),
          i * 1_000_000L, frame.length));
    }
  }
}
