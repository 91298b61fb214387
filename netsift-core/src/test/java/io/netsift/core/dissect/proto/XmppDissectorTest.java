package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.DissectionEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * XMPP against tshark 4.0 on ndpi__KakaoTalk_talk.pcap (an iq ping and its result, both with an
 * attribute XMPP does not define), recorded by scripts/apps/make-protocol-rows.sh.
 */
class XmppDissectorTest {
  @Test
  void pingAndResultMatchTshark() throws IOException {
    TextAppsCorpus.Comparison c = TextAppsCorpus.compare(
        Path.of("src/test/resources/xmpp/ndpi__KakaoTalk_talk.pcap.tsv"), "ndpi__KakaoTalk_talk.pcap",
        (frame, field) -> false);
    assertEquals(38, c.compared);
    assertEquals(List.of(), c.differences);
  }

  /** A message from the server: MESSAGE, then "< from" as tshark writes an incoming stanza. */
  @Test
  void incomingMessage() {
    byte[] seg = TransportFrames.tcp(XmppDissector.PORT, 40000, 1, 1, 0x18, 4096, new byte[0],
        "<message from='a@b' type='chat'><body>hi</body></message>".getBytes(StandardCharsets.ISO_8859_1));
    byte[] frame = TransportFrames.eth(0x0800, TransportFrames.ipv4("10.0.0.2", "10.0.0.1", 6, seg));
    expect(dissect(LinkType.ETHERNET, java.util.HexFormat.of().formatHex(frame)),
        "frame.protocols", "eth:ethertype:ip:tcp:xmpp:xml",
        "_ws.col.Protocol", "XMPP/XML",
        "_ws.col.Info", "MESSAGE < a@b ",
        "xmpp.from", "a@b",
        "xmpp.type", "chat",
        "xmpp.in", "1");
  }

  /** Random and cut-short XML to and from port 5222: nothing throws. */
  @Test
  void randomSegmentsNeverThrow() {
    String[] words = {"<iq", " id='1'", " type='get'", " to=\"x\"", ">", "/>", "</iq>", "<ping xmlns='urn:xmpp:ping'/>",
        "<message>", "<presence ", "chid=", "'", "<!--", "-->", "<?xml version='1.0'?>", "<", "</", "=", " "};
    Random rnd = new Random(5222);
    DissectionEngine e = new DissectionEngine();
    for (int i = 0; i < 20000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = rnd.nextInt(12); k >= 0; k--) {
        sb.append(words[rnd.nextInt(words.length)]);
      }
      byte[] data = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
      boolean toServer = rnd.nextBoolean();
      byte[] seg = TransportFrames.tcp(toServer ? 40000 : XmppDissector.PORT, toServer ? XmppDissector.PORT : 40000,
          i * 100L, 1, 0x18, 1000, new byte[0], data);
      byte[] frame = TransportFrames.eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
          toServer ? "10.0.0.2" : "10.0.0.1", 6, seg));
      int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      TransportFrames.dissect(e, TransportFrames.ethernet(java.util.Arrays.copyOf(frame, captured),
          i * 1_000_000L, frame.length));
    }
  }
}
