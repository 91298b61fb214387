package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * VNC against tshark 4.0: rows of {@code tshark -n -T fields -E occurrence=a -E aggregator=,} on
 * zeek__rfb__vnc-mac-to-linux.pcap (a 3.3 session, a framebuffer update over two segments whose
 * remainder is an unknown message, one that never completes) and
 * suricata__rfb-protocol-3.8__04-vnc-openwall-3.8.pcap (3.8 with VNC authentication, ZRLE and
 * rich cursor rectangles); and random bytes on the VNC ports.
 */
class VncDissectorTest {
  private static final String FURTHER = "See further on for dissection of the complete (reassembled) PDU";

  @Test
  void handshakeClientMessagesAndReassembledUpdatesMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__rfb__vnc-mac-to-linux.pcap", "_ws.col.Info", "frame.protocols",
        "_ws.expert.message", "vnc.width", "vnc.desktop_name", "vnc.client_set_encodings_encoding_type",
        "vnc.fb_update_num_rects");
    assertEquals("Server protocol version: 003.008\teth:ethertype:ip:tcp:vnc\t\t\t\t\t", TextAppsCorpus.row(rows, 6));
    assertEquals("Server framebuffer parameters\teth:ethertype:ip:tcp:vnc\t\t1024\troot's X desktop (martin-VirtualBox:1)"
        + "\t\t", TextAppsCorpus.row(rows, 50));
    assertEquals("Client set encodings\teth:ethertype:ip:tcp:vnc\t\t\t\t1011,1002,6,16,-239,1104,1100,-223,1101,1105,1102"
        + "\t", TextAppsCorpus.row(rows, 52));
    assertEquals("Server framebuffer update [TCP segment of a reassembled PDU]\teth:ethertype:ip:tcp:vnc\t" + FURTHER,
        TextAppsCorpus.row(rows, 56).substring(0, TextAppsCorpus.row(rows, 56).indexOf(FURTHER) + FURTHER.length()));
    assertTrue(TextAppsCorpus.row(rows, 59).startsWith(
        "Server framebuffer update; Unknown server message type\teth:ethertype:ip:tcp:vnc\t\t\t\t\t25"));
    // The server's last update never completes; the FIN after it is TCP's alone.
    assertTrue(TextAppsCorpus.row(rows, 105).contains(FURTHER));
    assertTrue(TextAppsCorpus.row(rows, 371).endsWith("\teth:ethertype:ip:tcp\tConnection finish (FIN),"
        + "This frame undergoes the connection closing\t\t\t\t"));
  }

  @Test
  void securityTypesAndZrleRectanglesMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("suricata__rfb-protocol-3.8__04-vnc-openwall-3.8.pcap", "_ws.col.Info",
        "vnc.client_security_type", "vnc.fb_update_num_rects", "vnc.fb_update_encoding_type", "vnc.zrle_len");
    assertEquals("Security type VNC (2) selected by client\t2\t\t\t", TextAppsCorpus.row(rows, 7));
    assertEquals("Server framebuffer update\t\t3\t-239,16,16\t1409,48", TextAppsCorpus.row(rows, 23));
  }

  @Test
  void randomBytesOnVncPortsNeverThrow() {
    Random rnd = new Random(20261129);
    byte[][] starts = {"RFB 003.008\n".getBytes(StandardCharsets.ISO_8859_1), {1, 2}, {2}, new byte[16],
        {0, 0, 0, 0}, {1}, new byte[24], {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, (byte) 0xff,
            0x1f}, {3, 0, 0, 0, 0, 5}, {1, 0, 0, 0, 0, 0x27, 0x10}};
    for (int run = 0; run < 40; run++) {
      DissectionEngine e = new DissectionEngine();
      long[] seq = {1000, 5000};
      int server = VncDissector.PORTS[rnd.nextInt(VncDissector.PORTS.length)];
      for (int i = 0; i < 60; i++) {
        boolean toServer = rnd.nextInt(3) == 0;
        byte[] data;
        if (i < 10 && rnd.nextBoolean()) {
          data = starts[i % starts.length];
        } else {
          data = new byte[rnd.nextInt(rnd.nextInt(8) == 0 ? 3000 : 80) + 1];
          rnd.nextBytes(data);
          if (rnd.nextInt(4) == 0) {
            data[0] = (byte) rnd.nextInt(4);
          }
        }
        int dir = toServer ? 0 : 1;
        byte[] seg = TransportFrames.tcp(toServer ? 40000 : server, toServer ? server : 40000, seq[dir], seq[1 - dir],
            0x18, 1000, new byte[0], data);
        seq[dir] += data.length;
        byte[] frame = eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
            toServer ? "10.0.0.2" : "10.0.0.1", 6, seg));
        int captured = rnd.nextInt(10) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
        Dissection d = e.dissect(ethernet(java.util.Arrays.copyOf(frame, captured), i * 1_000_000L, frame.length));
        StringBuilder sb = new StringBuilder(new TreeFormat().format(d));
        new JsonFormat().append(d, sb);
        TransportFrames.dissect(new DissectionEngine(), ethernet(java.util.Arrays.copyOf(frame, captured), 0,
            frame.length));
        assertTrue(sb.length() > 0);
      }
    }
  }
}
