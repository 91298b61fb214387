package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.dissect.DissectionEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * IMF headers split the way tshark 4.0 splits them, over POP RETR replies whose message
 * segments each go to IMF. The expected values are what {@code tshark -n -T fields} printed for
 * the same frames written to a pcap (10.0.0.2:110 answering RETR 1 four times).
 */
class ImfDissectorTest {
  /** One POP conversation: the greeting, then per message RETR, "+OK", the message segment. */
  static List<TransportFrames.Result> pop(String... messages) {
    DissectionEngine e = new DissectionEngine();
    List<TransportFrames.Result> out = new ArrayList<>();
    long[] seq = {1000, 5000};
    int[] n = {0};
    java.util.function.BiConsumer<Boolean, String> send = (server, text) -> {
      byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
      byte[] seg = TransportFrames.tcp(server ? 110 : 40000, server ? 40000 : 110, seq[server ? 1 : 0],
          seq[server ? 0 : 1], 0x18, 65535, new byte[0], data);
      seq[server ? 1 : 0] += data.length;
      byte[] frame = eth(0x0800, TransportFrames.ipv4(server ? "10.0.0.2" : "10.0.0.1",
          server ? "10.0.0.1" : "10.0.0.2", 6, seg));
      out.add(TransportFrames.dissect(e, ethernet(frame, n[0]++ * 1_000_000L, frame.length)));
    };
    send.accept(true, "+OK ready\r\n");
    for (String m : messages) {
      send.accept(false, "RETR 1\r\n");
      send.accept(true, "+OK message follows\r\n");
      send.accept(true, m);
    }
    return out;
  }

  @Test
  void headersBodyAndUnknownExtensions() {
    TransportFrames.Result r = pop("From: A <a@x>\r\nSubject: hi\r\nX-Odd: 1\r\n\r\nline one\r\nline two\r\n.\r\n")
        .get(3);
    assertEquals("eth:ethertype:ip:tcp:pop:imf", r.protocols);
    assertEquals("hi", r.get("imf.subject"));
    assertEquals("A <a@x>", r.get("imf.from"));
    assertEquals("X-Odd: 1", r.get("imf.extension"));
    assertEquals("X-Odd", r.get("imf.extension.type"));
    assertEquals("1", r.get("imf.extension.value"));
    assertEquals("from: A <a@x>, subject: hi, , line one  , line two  , .  ", r.info);
  }

  @Test
  void aNameRunsFromTheEndOfTheLastHeaderToTheNextColonAcrossLines() {
    // The tail of a message cut by a segment boundary: tshark takes it all as one header name.
    TransportFrames.Result r = pop("tail of a line\r\nSubject: cut\r\n\r\nbody\r\n.\r\n").get(3);
    assertEquals("tail of a line\\r\\nSubject: cut", r.get("imf.extension"));
    assertEquals("tail of a line\\r\\nSubject", r.get("imf.extension.type"));
    assertEquals("cut", r.get("imf.extension.value"));
    assertEquals("", r.get("imf.subject"));
    assertEquals("body  , .  ", r.info);
  }

  @Test
  void withoutAColonTheWholeSegmentIsMessageText() {
    TransportFrames.Result r = pop("no colon here\r\nat all\r\n").get(3);
    assertEquals("eth:ethertype:ip:tcp:pop:imf", r.protocols);
    assertEquals(1, r.values.get("imf.message_text").size());
    assertEquals("no colon here  , at all  ", r.info);
  }

  @Test
  void aLastHeaderEndingTheSegmentKeepsItsLineEndWhenItsValueIsOneByte() {
    // tshark takes 2 bytes off a value that ends the bytes; a 1-byte value then has length -1,
    // which means "to the end": the value keeps its CRLF.
    TransportFrames.Result r = pop("Subject: x\r\nTo: b\r\n").get(3);
    assertEquals("x", r.get("imf.subject"));
    assertEquals("b\\r\\n", r.get("imf.to"));
    assertEquals("subject: x, ", r.info);
  }
}
