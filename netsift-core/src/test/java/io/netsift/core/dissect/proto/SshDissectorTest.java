package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SSH against tshark 4.0: rows of {@code tshark -n -T fields -E occurrence=a -E aggregator=,}
 * on zeek__ssh__ssh.pcap (an ECDH session, DH group-exchange sessions whose key-exchange
 * messages span segments, and SSH 1 sessions) and on zeek__http__get-to-ssh-server.pcap (an
 * HTTP request sent to port 22 before any version line).
 */
class SshDissectorTest {
  private static final String[] FIELDS = {"_ws.col.Protocol", "_ws.col.Info", "frame.protocols", "ssh.protocol",
      "ssh.packet_length", "ssh.padding_length", "ssh.message_code", "ssh.seq_num", "ssh.kex.hassh",
      "ssh.kex.hasshserver", "ssh.host_key.type", "ssh.host_sig.length", "ssh.dh_gex.nbits",
      "ssh.packet_length_encrypted", "ssh.direction"};

  @Test
  void keyExchangesEncryptedPacketsAndSsh1MatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__ssh__ssh.pcap", FIELDS);
    // The server's line comes first: the version is still unknown, so the column says SSH.
    assertEquals("SSH\tServer: Protocol (SSH-2.0-OpenSSH_5.8)\teth:ethertype:ip:tcp:ssh\tSSH-2.0-OpenSSH_5.8"
        + "\t\t\t\t\t\t\t\t\t\t\t1", TextAppsCorpus.row(rows, 4));
    assertEquals("SSHv2\tClient: Key Exchange Init\teth:ethertype:ip:tcp:ssh\t\t1268\t8\t20\t0"
        + "\tfded76fff260754db84bd4725a931b7e\t\t\t\t\t\t0", TextAppsCorpus.row(rows, 8));
    assertEquals("SSHv2\tServer: Key Exchange Init\teth:ethertype:ip:tcp:ssh\t\t852\t5\t20\t0\t"
        + "\t60205d0b53ffd441ead5c43b5a6f1bc7\t\t\t\t\t1", TextAppsCorpus.row(rows, 9));
    // Two packets in one segment; the ECDSA signature is only partly decoded (tshark's note).
    assertEquals("SSHv2\tServer: Elliptic Curve Diffie-Hellman Key Exchange Reply, New Keys"
        + "\teth:ethertype:ip:tcp:ssh\t\t292,12\t9,10\t31,21\t1,2\t\t\tecdsa-sha2-nistp256\t100\t\t\t1",
        TextAppsCorpus.row(rows, 13));
    // After an ECDH exchange tshark tries to decrypt and, without keys, shows nothing.
    assertEquals("SSHv2\tClient: \teth:ethertype:ip:tcp:ssh\t\t\t\t\t\t\t\t\t\t\t\t0", TextAppsCorpus.row(rows, 17));
    // A Key Exchange Init spanning two segments: the first lists ssh with TCP's columns.
    assertEquals("TCP\t[TCP segment of a reassembled PDU]\teth:ethertype:ip:tcp:ssh\t\t\t\t\t\t\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 101));
    assertEquals("SSHv2\tClient: Diffie-Hellman Group Exchange Request\teth:ethertype:ip:tcp:ssh\t\t20\t6\t34\t2"
        + "\t\t\t\t\t1024\t\t0", TextAppsCorpus.row(rows, 107));
    assertEquals("SSHv2\tServer: Diffie-Hellman Group Exchange Reply, New Keys\teth:ethertype:ip:tcp:ssh\t\t700,12"
        + "\t8,10\t33,21\t3,3\t\t\tssh-rsa\t271\t\t\t1", TextAppsCorpus.row(rows, 111));
    // After a group exchange no cipher was chosen: an encrypted packet.
    assertEquals("SSHv2\tClient: Encrypted packet (len=52)\teth:ethertype:ip:tcp:ssh\t\t\t\t\t\t\t\t\t\t\t00000020\t0",
        TextAppsCorpus.row(rows, 115));
    assertEquals("SSHv1\tServer: Public Key\teth:ethertype:ip:tcp:ssh\t\t431\t1\t2\t\t\t\t\t\t\t\t1",
        TextAppsCorpus.row(rows, 168));
    assertEquals("SSHv1\tServer: Encrypted packet (len=5)\teth:ethertype:ip:tcp:ssh\t\t5\t3\t\t\t\t\t\t\t\t\t1",
        TextAppsCorpus.row(rows, 171));
  }

  /** Port 22 goes to SSH before the HTTP heuristic: a request before any version line is opaque. */
  @Test
  void httpToPort22IsAnEncryptedPacket() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__http__get-to-ssh-server.pcap", "_ws.col.Protocol",
        "_ws.col.Info", "frame.protocols", "ssh.packet_length_encrypted", "http.request.method");
    assertEquals("SSH\tClient: Encrypted packet (len=605)\teth:ethertype:ip:tcp:ssh\t47455420\t",
        TextAppsCorpus.row(rows, 4));
  }
}
