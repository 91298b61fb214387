package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * DTLS 1.2 on zeek's capture (UDP port 4400, found by the record-header heuristic): a Client Hello
 * in two fragments, a Hello Verify Request, the retried Client Hello, a certificate chain in five
 * fragments whose certificates become X.509 layers, and the encrypted end of the handshake.
 * Expected values: tshark 4.0, recorded by {@code scripts/golden/record-fields.sh
 * netsift-core/src/test/resources/dtls/expected dtls CAPTURE}; the record layer, the handshake
 * headers, frame.protocols and the columns (the handshake bodies are not walked yet).
 */
class DtlsDissectorTest {
  private static final String FILE = "zeek__tls__dtls1_2.pcap";

  @Test
  void recordsAndHandshakeHeadersMatchTshark() throws IOException {
    L2Expectations.checkIn("dtls", FILE, "dtls.record", "dtls.handshake.type", "dtls.handshake.length",
        "dtls.handshake.message_seq", "dtls.handshake.fragment_offset", "dtls.handshake.fragment_length",
        "dtls.change_cipher_spec", "dtls.app_data");
  }

  @Test
  void heuristicNeedsRecordsThatFillTheDatagram() {
    byte[] b = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 9};
    assertTrue(DtlsDissector.looksLikeDtls(b, 0, b.length));
    assertTrue(!DtlsDissector.looksLikeDtls(b, 0, b.length - 1));
    b[1] = 3; // a TLS version
    assertTrue(!DtlsDissector.looksLikeDtls(b, 0, b.length));
  }

  /** The capture's datagrams with random bytes written over them and cut short: never a throw. */
  @Test
  void mutatedRecordsNeverThrow() throws IOException {
    int rendered = L2Expectations.mutatedFramesReaching(FILE, 42, 60, 2000, "dtls");
    assertTrue(rendered > 500, "frames that reached DTLS: " + rendered);
  }
}
