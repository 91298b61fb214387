package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.DissectionEngine;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and half-text segments to and from the FTP, FTP data, SMTP, POP, IMAP and
 * Telnet ports: the first pass, the field walk and the columns must never throw, and one engine
 * carries the conversations (announced data connections, DATA mode, IMAP tags) across all of it.
 */
class TextAppsRobustnessTest {
  private static final int[] PORTS = {20, 21, 23, 25, 110, 143, 587};
  private static final String[] WORDS = {"PASV\r\n", "227 Entering Passive Mode (10,0,0,1,4,1)\r\n",
      "229 (|||1025|)\r\n", "EPRT |2|::1|5|\r\n", "PORT 1,2,3,4,5,6\r\n", "257 \"/x\"\r\n", "PWD\r\n",
      "DATA\r\n", "354 go\r\n", "\r\n.\r\n", "AUTH LOGIN\r\n", "334 x\r\n", "+OK\r\n", "a1 LOGIN u p\r\n",
      "a1 OK done\r\n", "* 1 FETCH {5}\r\n", "{99999999999}\r\n", "a STARTTLS\r\n", "\u00ff\u00fa\u001f",
      "\u00ff\u00f0", "\u00ff\u00fd\u0018", "\u00ff", "Subject: x\r\n\r\nbody\r\n", "250-a\r\n250 b\r\n"};

  @Test
  void randomSegmentsNeverThrow() {
    Random rnd = new Random(20240602);
    DissectionEngine e = new DissectionEngine();
    int frames = 0;
    for (int i = 0; i < 20000; i++) {
      StringBuilder text = new StringBuilder();
      for (int k = rnd.nextInt(4); k >= 0; k--) {
        text.append(WORDS[rnd.nextInt(WORDS.length)]);
      }
      byte[] data = text.toString().getBytes(StandardCharsets.ISO_8859_1);
      if (rnd.nextInt(3) == 0) {
        data = new byte[rnd.nextInt(64)];
        rnd.nextBytes(data);
      } else if (rnd.nextInt(3) == 0 && data.length > 0) {
        data = java.util.Arrays.copyOf(data, rnd.nextInt(data.length));
      }
      int server = PORTS[rnd.nextInt(PORTS.length)];
      boolean toServer = rnd.nextBoolean();
      int client = 40000 + rnd.nextInt(3);
      byte[] seg = TransportFrames.tcp(toServer ? client : server, toServer ? server : client, i * 100L, 1, 0x18,
          1000, new byte[0], data);
      byte[] frame = eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
          toServer ? "10.0.0.2" : "10.0.0.1", 6, seg));
      int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      TransportFrames.dissect(e, ethernet(java.util.Arrays.copyOf(frame, captured), i * 1_000_000L, frame.length));
      frames++;
    }
    assertTrue(frames > 0);
  }
}
