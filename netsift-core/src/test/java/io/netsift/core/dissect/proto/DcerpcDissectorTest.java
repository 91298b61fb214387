package io.netsift.core.dissect.proto;


import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Connection-oriented DCE/RPC on scapy's NTLM-secured SVCCTL session: binds with presentation
 * contexts and bind-time features, bind acks with their results and secondary address, AUTH3,
 * secured requests and responses (encrypted stub data, auth verifiers), a fault with its status
 * note, responses matched to their requests, a call answered in six fragments across segments,
 * and the endpoint mapper's port found by the heuristic on the second connection. Expected
 * values: tshark 4.0, recorded by {@code scripts/dcerpc/make-expectations.sh}; every dcerpc
 * field tshark's DCE/RPC layer itself fills (the endpoint mapper's NDR fields are out: netsift
 * has no interface dissectors yet), and the Info column of every frame tshark leaves to DCE/RPC.
 */
class DcerpcDissectorTest {
  private static final String FILE = "scapy__dcerpc_privacy_ntlm.pcapng.gz";

  @Test
  void fieldsMatchTshark() throws IOException {
    L2Expectations.checkIn("dcerpc", FILE, "dcerpc.ver", "dcerpc.pkt_type", "dcerpc.cn_", "dcerpc.drep",
        "dcerpc.auth", "dcerpc.opnum", "dcerpc.request_in", "dcerpc.time", "dcerpc.encrypted_stub_data",
        "dcerpc.fault_stub_data", "dcerpc.reserved");
  }

  @Test
  void infoColumnOfDcerpcFramesMatchesTshark() throws IOException {
    // The frames tshark leaves to DCE/RPC itself.
    L2Expectations.checkFramesOf("dcerpc", FILE, "DCERPC", 12, "_ws.col.Protocol", "_ws.col.Info");
  }

  /**
   * The capture's DCE/RPC frames with random bytes written over their PDUs (lengths, counts,
   * offsets of the NTLMSSP buffers) and cut short: dissection, tree and JSON never throw.
   */
  @Test
  void mutatedPdusNeverThrow() throws IOException {
    int rendered = L2Expectations.mutatedFramesReaching(FILE, 54, 54, 4000, "dcerpc");
    assertTrue(rendered > 1000, "frames that reached DCE/RPC: " + rendered);
  }
}
