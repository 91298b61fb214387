package io.netsift.core.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer target for the DNS decoder: with {@code JAZZER_FUZZ=1} it fuzzes; in a plain
 * {@code mvn test} it runs in regression mode. The contract is the decoder's: a message, a
 * {@link DnsDecodeException}, and nothing else. Re-encoding what decoded must also succeed.
 */
class DnsDecoderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void decode(byte[] data) {
    if (data.length > 16384) {
      return; // re-encoding may legitimately grow a near-64 KiB message past the limit
    }
    try {
      DnsMessage m = DnsMessageDecoder.decode(data);
      DnsMessageEncoder.encode(m);
    } catch (DnsDecodeException expected) {
      // the one allowed failure
    }
  }
}
