package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;

import io.netsift.core.capture.LinkType;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * MQTT against tshark 4.0: zeek's v3.1 session (connect, subscribe, publish, pings, and a segment
 * carrying a publish and a disconnect), every mqtt field and the Info column recorded by
 * {@code scripts/apps/make-expectations.sh}; and a QoS 1 publish on a stream without CONNECT.
 */
class MqttDissectorTest {
  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("apps", "zeek__mqtt.pcap", "mqtt.");
  }

  @Test
  void qosOnePublishWithoutConnect() {
    // Publish, QoS 1, topic "a/b", id 7, message "hi" to port 1883 (no CONNECT: version unknown).
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 33 00 01 00 00 40 06 66 c2"
        + " 0a 00 00 01 0a 00 00 02 9c 40 07 5b 00 00 00 01 00 00 00 01 50 18 ff ff 00 00 00 00"
        + " 32 09 00 03 61 2f 62 00 07 68 69"),
        "frame.protocols", "eth:ethertype:ip:tcp:mqtt",
        "_ws.col.Info", "Publish Message (id=7) [a/b]",
        "mqtt.qos", "1",
        "mqtt.topic", "a/b",
        "mqtt.msgid", "7",
        "mqtt.msg", "6869",
        "_ws.expert.message", "Unknown version (missing the CONNECT packet?)");
  }
}
