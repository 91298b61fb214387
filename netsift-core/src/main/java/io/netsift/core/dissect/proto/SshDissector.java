package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * The Secure Shell, <a href="https://www.rfc-editor.org/rfc/rfc4253">RFC 4253</a> (transport),
 * <a href="https://www.rfc-editor.org/rfc/rfc4419">RFC 4419</a> (DH group exchange) and
 * <a href="https://www.rfc-editor.org/rfc/rfc5656">RFC 5656</a> (ECDH), on TCP ports 22 and
 * 29418 (Gerrit), as tshark registers it. Each side first sends a version line
 * ({@code SSH-2.0-software comments CR LF}); SSH 2 then exchanges binary packets:
 *
 * <pre>
 * uint32    packet_length   (what follows, without the MAC)
 * byte      padding_length
 * byte[n1]  payload         (first byte: message code)
 * byte[n2]  random padding
 * byte[m]   mac             (once keys are in use)
 * </pre>
 *
 * Messages are TCP PDUs: a version line up to its LF, a key-exchange packet by its length, and
 * after a side's NEWKEYS everything it sends is one encrypted blob per segment (tshark does not
 * reassemble those). tshark 4.0's quirks are kept on purpose: the sequence numbers it shows
 * ({@code ssh.seq_num}) count differently per key-exchange message, the protocol column is the
 * version known when a segment starts (the client's line decides it), and once an ECDH or DH
 * reply has chosen the ciphers tshark tries to decrypt what follows and, without keys, shows
 * nothing of those packets; after a DH group exchange it shows them as encrypted packets.
 * SSH 1 packets ({@code SSH-1.5}) show their length, padding and the first message code of
 * each side.
 */
public final class SshDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int[] PORTS = {22, 29418};

  private static final Map<Long, String> SSH2_MESSAGES = ValueNames.parse("1=Disconnect|2=Ignore|3=Unimplemented"
      + "|4=Debug|5=Service Request|6=Service Accept|20=Key Exchange Init|21=New Keys"
      + "|50=User Authentication Request|51=User Authentication Failure|52=User Authentication Success"
      + "|53=User Authentication Banner|60=Public Key algorithm accepted|80=Global Request|81=Request Success"
      + "|82=Request Failure|90=Channel Open|91=Channel Open Confirmation|92=Channel Open Failure"
      + "|93=Window Adjust|94=Channel Data|95=Channel Extended Data|96=Channel EOF|97=Channel Close"
      + "|98=Channel Request|99=Channel Success|100=Channel Failure");
  private static final Map<Long, String> DH_MESSAGES = ValueNames.parse(
      "30=Diffie-Hellman Key Exchange Init|31=Diffie-Hellman Key Exchange Reply");
  private static final Map<Long, String> GEX_MESSAGES = ValueNames.parse(
      "30=Diffie-Hellman Group Exchange Request (Old)|31=Diffie-Hellman Group Exchange Group"
      + "|32=Diffie-Hellman Group Exchange Init|33=Diffie-Hellman Group Exchange Reply"
      + "|34=Diffie-Hellman Group Exchange Request");
  private static final Map<Long, String> ECDH_MESSAGES = ValueNames.parse(
      "30=Elliptic Curve Diffie-Hellman Key Exchange Init|31=Elliptic Curve Diffie-Hellman Key Exchange Reply");
  private static final Map<Long, String> SSH1_MESSAGES = ValueNames.parse(
      "0=No Message|1=Disconnect|2=Public Key|3=Session Key|4=User");

  public static final Field PROTOCOL = Field.string("ssh.protocol", "Protocol");
  public static final Field PACKET_LENGTH = Field.u32("ssh.packet_length", "Packet Length");
  public static final Field PACKET_LENGTH_ENCRYPTED = Field.bytes("ssh.packet_length_encrypted",
      "Packet Length (encrypted)");
  public static final Field PADDING_LENGTH = Field.u8("ssh.padding_length", "Padding Length");
  public static final Field PAYLOAD = Field.bytes("ssh.payload", "Payload");
  public static final Field ENCRYPTED_PACKET = Field.bytes("ssh.encrypted_packet", "Encrypted Packet");
  public static final Field PADDING_STRING = Field.bytes("ssh.padding_string", "Padding String");
  public static final Field SEQ_NUM = Field.u32("ssh.seq_num", "Sequence number");
  public static final Field DIRECTION = Field.bool("ssh.direction", "Direction").blurb("Message direction")
      .states("server-to-client", "client-to-server").generated();
  /** One field for every message-code table, as tshark registers one filter name for them. */
  public static final Field MESSAGE_CODE = Field.u8("ssh.message_code", "Message Code").labels(SSH2_MESSAGES);
  public static final Field COOKIE = Field.bytes("ssh.cookie", "Cookie");
  private static final String[] PROPOSALS = {"kex_algorithms", "server_host_key_algorithms",
      "encryption_algorithms_client_to_server", "encryption_algorithms_server_to_client",
      "mac_algorithms_client_to_server", "mac_algorithms_server_to_client",
      "compression_algorithms_client_to_server", "compression_algorithms_server_to_client",
      "languages_client_to_server", "languages_server_to_client"};
  public static final Field KEX_ALGORITHMS_LENGTH = proposalLength(0);
  public static final Field KEX_ALGORITHMS = proposal(0);
  public static final Field SERVER_HOST_KEY_ALGORITHMS_LENGTH = proposalLength(1);
  public static final Field SERVER_HOST_KEY_ALGORITHMS = proposal(1);
  public static final Field ENC_C2S_LENGTH = proposalLength(2);
  public static final Field ENC_C2S = proposal(2);
  public static final Field ENC_S2C_LENGTH = proposalLength(3);
  public static final Field ENC_S2C = proposal(3);
  public static final Field MAC_C2S_LENGTH = proposalLength(4);
  public static final Field MAC_C2S = proposal(4);
  public static final Field MAC_S2C_LENGTH = proposalLength(5);
  public static final Field MAC_S2C = proposal(5);
  public static final Field COMP_C2S_LENGTH = proposalLength(6);
  public static final Field COMP_C2S = proposal(6);
  public static final Field COMP_S2C_LENGTH = proposalLength(7);
  public static final Field COMP_S2C = proposal(7);
  public static final Field LANG_C2S_LENGTH = proposalLength(8);
  public static final Field LANG_C2S = proposal(8);
  public static final Field LANG_S2C_LENGTH = proposalLength(9);
  public static final Field LANG_S2C = proposal(9);
  private static final Field[] PROPOSAL_FIELDS = {KEX_ALGORITHMS_LENGTH, KEX_ALGORITHMS,
      SERVER_HOST_KEY_ALGORITHMS_LENGTH, SERVER_HOST_KEY_ALGORITHMS, ENC_C2S_LENGTH, ENC_C2S, ENC_S2C_LENGTH, ENC_S2C,
      MAC_C2S_LENGTH, MAC_C2S, MAC_S2C_LENGTH, MAC_S2C, COMP_C2S_LENGTH, COMP_C2S, COMP_S2C_LENGTH, COMP_S2C,
      LANG_C2S_LENGTH, LANG_C2S, LANG_S2C_LENGTH, LANG_S2C};
  public static final Field FIRST_KEX_PACKET_FOLLOWS = Field.u8("ssh.first_kex_packet_follows",
      "First KEX Packet Follows");
  public static final Field KEX_RESERVED = Field.bytes("ssh.kex.reserved", "Reserved");
  public static final Field HASSH_ALGORITHMS = Field.string("ssh.kex.hassh_algorithms", "hasshAlgorithms")
      .generated();
  public static final Field HASSH = Field.string("ssh.kex.hassh", "hassh").generated();
  public static final Field HASSH_SERVER_ALGORITHMS = Field.string("ssh.kex.hasshserver_algorithms",
      "hasshServerAlgorithms").generated();
  public static final Field HASSH_SERVER = Field.string("ssh.kex.hasshserver", "hasshServer").generated();

  public static final Field HOST_KEY_LENGTH = Field.u32("ssh.host_key.length", "Host key length");
  public static final Field HOST_KEY_TYPE_LENGTH = Field.u32("ssh.host_key.type_length", "Host key type length");
  public static final Field HOST_KEY_TYPE = Field.string("ssh.host_key.type", "Host key type");
  public static final Field HOST_KEY_DATA = Field.bytes("ssh.host_key.data", "Host key data");
  public static final Field HOST_KEY_RSA_N = Field.bytes("ssh.host_key.rsa.n", "RSA modulus (N)");
  public static final Field HOST_KEY_RSA_E = Field.bytes("ssh.host_key.rsa.e", "RSA public exponent (e)");
  public static final Field HOST_KEY_DSA_P = Field.bytes("ssh.host_key.dsa.p", "DSA prime modulus (p)");
  public static final Field HOST_KEY_DSA_Q = Field.bytes("ssh.host_key.dsa.q", "DSA prime divisor (q)");
  public static final Field HOST_KEY_DSA_G = Field.bytes("ssh.host_key.dsa.g", "DSA subgroup generator (g)");
  public static final Field HOST_KEY_DSA_Y = Field.bytes("ssh.host_key.dsa.y", "DSA public key (y)");
  public static final Field HOST_KEY_ECDSA_ID = Field.string("ssh.host_key.ecdsa.id",
      "ECDSA elliptic curve identifier");
  public static final Field HOST_KEY_ECDSA_ID_LENGTH = Field.u32("ssh.host_key.ecdsa.id_length",
      "ECDSA elliptic curve identifier length");
  public static final Field HOST_KEY_ECDSA_Q = Field.bytes("ssh.host_key.ecdsa.q", "ECDSA public key (Q)");
  public static final Field HOST_KEY_ECDSA_Q_LENGTH = Field.u32("ssh.host_key.ecdsa.q_length",
      "ECDSA public key length");
  public static final Field HOST_KEY_EDDSA_KEY = Field.bytes("ssh.host_key.eddsa.key", "EdDSA public key");
  public static final Field HOST_KEY_EDDSA_KEY_LENGTH = Field.u32("ssh.host_key.eddsa.key_length",
      "EdDSA public key length");
  public static final Field HOST_SIG_LENGTH = Field.u32("ssh.host_sig.length", "Host signature length");
  public static final Field HOST_SIG_TYPE_LENGTH = Field.u32("ssh.host_sig.type_length",
      "Host signature type length");
  public static final Field HOST_SIG_TYPE = Field.string("ssh.host_sig.type", "Host signature type");
  public static final Field HOST_SIG_DATA = Field.bytes("ssh.host_sig.data", "Host signature data");
  public static final Field HOST_SIG_RSA = Field.bytes("ssh.host_sig.rsa", "RSA signature");
  public static final Field HOST_SIG_DSA = Field.bytes("ssh.host_sig.dsa", "DSA signature");
  public static final Field DH_E = Field.bytes("ssh.dh.e", "DH client e");
  public static final Field DH_F = Field.bytes("ssh.dh.f", "DH server f");
  public static final Field DH_GEX_MIN = Field.u32("ssh.dh_gex.min", "DH GEX Min")
      .blurb("Minimal acceptable group size");
  public static final Field DH_GEX_NBITS = Field.u32("ssh.dh_gex.nbits", "DH GEX Number of Bits")
      .blurb("Preferred group size");
  public static final Field DH_GEX_MAX = Field.u32("ssh.dh_gex.max", "DH GEX Max")
      .blurb("Maximal acceptable group size");
  public static final Field DH_GEX_P = Field.bytes("ssh.dh_gex.p", "DH GEX modulus (P)");
  public static final Field DH_GEX_G = Field.bytes("ssh.dh_gex.g", "DH GEX base (G)");
  public static final Field ECDH_Q_C = Field.bytes("ssh.ecdh.q_c", "ECDH client's ephemeral public key (Q_C)");
  public static final Field ECDH_Q_C_LENGTH = Field.u32("ssh.ecdh.q_c_length",
      "ECDH client's ephemeral public key length");
  public static final Field ECDH_Q_S = Field.bytes("ssh.ecdh.q_s", "ECDH server's ephemeral public key (Q_S)");
  public static final Field ECDH_Q_S_LENGTH = Field.u32("ssh.ecdh.q_s_length",
      "ECDH server's ephemeral public key length");
  public static final Field MPINT_LENGTH = Field.u32("ssh.mpint_length", "Multi Precision Integer Length");

  /** tshark's note when a host signature's parts do not add up to its length (its spelling kept). */
  public static final Expert PACKET_DECODE = new Expert("ssh.packet_decode.error", Expert.Severity.WARNING,
      "Protocol", "Packet decoded length not equal to packet length");

  // Message kinds, as recorded per PDU by pduLength and read back by the walkers.
  private static final int VERSION_LINE = 1;
  private static final int KEX = 2;
  /** After NEWKEYS with no cipher chosen (or before any version line): one opaque blob. */
  private static final int ENCRYPTED = 3;
  /** After NEWKEYS once a reply chose a cipher: tshark 4.0 tries to decrypt and shows nothing. */
  private static final int UNDECRYPTED = 4;
  private static final int SSH1 = 5;

  private static final int KEX_DH = 0;
  private static final int KEX_GEX = 1;
  private static final int KEX_ECDH = 2;

  private static final int CLIENT = 0;
  private static final int SERVER = 1;

  public SshDissector() {
    super("ssh", "SSH Protocol", "SSH");
  }

  private static Field proposalLength(int i) {
    return Field.u32("ssh." + PROPOSALS[i] + "_length", PROPOSALS[i] + " length");
  }

  private static Field proposal(int i) {
    return Field.string("ssh." + PROPOSALS[i], PROPOSALS[i] + " string");
  }

  @Override
  public void register(Protocols p) {
    for (int port : PORTS) {
      p.map(Protocols.Table.TCP_PORT, port, this);
    }
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  // ---------------------------------------------------------------- per-stream state

  /** One side of a connection. */
  private static final class Peer {
    long versionEnd;
    long keyStart;
    boolean newKeys;
    long ssh1KeyStart;
    long ssh1KeyEnd;
    /** tshark's running sequence number and the values it remembered per message. */
    long seq;
    long seqKexInit;
    long seqNewKeys;
    long seqDhInit;
    long seqDhReply;
    long seqGexRequest;
    long seqGexGroup;
    long seqGexInit;
    long seqGexReply;
    long seqEcdhInit;
    long seqEcdhReply;
    String kexProposal;
    final String[] enc = new String[2];
    /** The cipher this side encrypts with, once a (EC)DH reply chose it. */
    String cipher;
    /** The PDUs whose length {@link #pduLength} told, not yet walked by {@link #dissect}. */
    final ArrayDeque<Message> pending = new ArrayDeque<>();
  }

  /** One connection. */
  private static final class Session {
    int version;
    String kex;
    int kexKind = KEX_DH;
    final Peer[] peers = {new Peer(), new Peer()};
  }

  /** What one PDU is, decided when its length was told (the stream's state moves on then). */
  private static final class Message {
    final int kind;
    final int length;
    final long head;
    /** The version the connection had before this PDU (the protocol column). */
    final int versionBefore;
    int kexKind;
    String kex;
    long seq;
    boolean ssh1Code;

    Message(int kind, int length, long head, int versionBefore) {
      this.kind = kind;
      this.length = length;
      this.head = head;
      this.versionBefore = versionBefore;
    }
  }

  /** The messages of one layer, offsets relative to the layer. */
  private static final class Layout {
    final boolean response;
    final Message[] messages;
    final int[] offsets;

    Layout(boolean response, Message[] messages, int[] offsets) {
      this.response = response;
      this.messages = messages;
      this.offsets = offsets;
    }
  }

  private Session session(Dissection d, int transport) {
    return PerStream.ofTcp(d, this, transport, Session::new);
  }

  /** tshark's is_response: the segment does not go to the port that chose SSH (the lower one first). */
  private boolean response(Dissection d, int transport) {
    int sport = Transport.srcPort(d, transport);
    int dport = Transport.dstPort(d, transport);
    Protocols p = d.protocols();
    boolean toSsh = p.lookup(Protocols.Table.TCP_PORT, dport) == this;
    boolean fromSsh = p.lookup(Protocols.Table.TCP_PORT, sport) == this;
    int match = toSsh && fromSsh ? Math.min(sport, dport) : toSsh ? dport : fromSsh ? sport : dport;
    return dport != match;
  }

  /** The first bytes of a PDU, to check that a recorded message is the one being walked. */
  private static long head(byte[] b, int off, int len) {
    long h = 0;
    for (int i = 0; i < Math.min(8, len); i++) {
      h = h << 8 | (b[off + i] & 0xff);
    }
    return h ^ len;
  }

  private static boolean startsWithSsh(byte[] b, int off, int avail) {
    return avail >= 4 && (b[off] | 0x20) == 's' && (b[off + 1] | 0x20) == 's' && (b[off + 2] | 0x20) == 'h'
        && b[off + 3] == '-';
  }

  private static boolean startsWith(byte[] b, int off, int avail, String prefix) {
    if (avail < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (Character.toLowerCase((char) (b[off + i] & 0xff)) != Character.toLowerCase(prefix.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- StreamPdus

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    Session s = session(d, tcpLayer);
    boolean response = response(d, tcpLayer);
    Peer peer = s.peers[response ? SERVER : CLIENT];
    long frame = d.number();
    if ((peer.versionEnd == 0 || frame <= peer.versionEnd) && startsWithSsh(b, off, avail)) {
      int lf = -1;
      for (int i = off; i < off + avail; i++) {
        if (b[i] == '\n') {
          lf = i;
          break;
        }
      }
      if (lf < 0) {
        return MORE;
      }
      int len = lf - off + 1;
      Message m = new Message(VERSION_LINE, len, head(b, off, len), s.version);
      peer.versionEnd = frame;
      if (!response) {
        // tshark takes the version from the client's line only.
        if (startsWith(b, off, avail, "SSH-2.") || startsWith(b, off, avail, "SSH-1.99-")) {
          s.version = 2;
        } else if (startsWith(b, off, avail, "SSH-1.")) {
          s.version = 1;
        }
      }
      peer.pending.add(m);
      return len;
    }
    if (s.version == 1) {
      if (avail < 4) {
        return MORE;
      }
      long plen = Bytes.u32(b, off);
      long total = plen + 4 + (8 - plen % 8);
      if (total > avail) {
        return total > Integer.MAX_VALUE ? NOT_MINE : MORE;
      }
      Message m = new Message(SSH1, (int) total, head(b, off, (int) total), s.version);
      if (peer.ssh1KeyStart == 0 || (peer.ssh1KeyStart >= frame && frame <= peer.ssh1KeyEnd)) {
        m.ssh1Code = true;
        if (peer.ssh1KeyStart == 0) {
          peer.ssh1KeyStart = frame;
        }
        peer.ssh1KeyEnd = frame;
      }
      peer.pending.add(m);
      return (int) total;
    }
    if (s.version == 2 && !peer.newKeys) {
      if (avail < 6) {
        return MORE;
      }
      long total = Bytes.u32(b, off) + 4;
      if (total > avail) {
        return total > Integer.MAX_VALUE ? NOT_MINE : MORE;
      }
      Message m = new Message(KEX, (int) total, head(b, off, (int) total), s.version);
      kexMessage(s, peer, response, m, b, off, (int) total, frame);
      peer.pending.add(m);
      return (int) total;
    }
    Message m = new Message(s.version == 2 && peer.cipher != null ? UNDECRYPTED : ENCRYPTED, avail,
        head(b, off, avail), s.version);
    peer.pending.add(m);
    return avail;
  }

  /** Moves the connection's state past one key-exchange packet, as tshark's first pass does. */
  private static void kexMessage(Session s, Peer peer, boolean response, Message m, byte[] b, int off, int len,
      long frame) {
    int code = b[off + 5] & 0xff;
    m.kex = s.kex;
    m.kexKind = s.kexKind;
    Peer client = s.peers[CLIENT];
    Peer server = s.peers[SERVER];
    if (code >= 30 && code < 40) {
      switch (s.kexKind) {
        case KEX_GEX:
          if (code == 31) {
            m.seq = server.seqGexGroup == 0 ? (server.seqGexGroup = ++server.seq) : server.seqGexGroup;
          } else if (code == 32) {
            m.seq = client.seqGexInit == 0 ? (client.seqGexInit = ++client.seq) : client.seqGexInit;
          } else if (code == 33) {
            m.seq = server.seqGexReply == 0 ? (server.seqGexReply = ++server.seq) : server.seqGexReply;
          } else if (code == 34) {
            m.seq = client.seqGexRequest == 0 ? (client.seqGexRequest = ++client.seq) : client.seqGexRequest;
          }
          break;
        case KEX_ECDH:
          if (code == 30) {
            if (client.seqEcdhInit == 0) {
              client.seqEcdhInit = client.seq++;
            }
            m.seq = client.seqEcdhInit;
          } else if (code == 31) {
            chooseCiphers(s);
            if (server.seqEcdhReply == 0) {
              server.seqEcdhReply = server.seq++;
            }
            m.seq = server.seqEcdhReply;
          }
          break;
        default:
          if (code == 30) {
            m.seq = client.seqDhInit == 0 ? (client.seqDhInit = ++client.seq) : client.seqDhInit;
          } else if (code == 31) {
            chooseCiphers(s);
            m.seq = server.seqDhReply == 0 ? (server.seqDhReply = ++server.seq) : server.seqDhReply;
          }
          break;
      }
      return;
    }
    if (code == 20) {
      String[] lists = proposals(b, off + 6 + 16, off + len);
      if (lists != null) {
        peer.kexProposal = lists[0];
        peer.enc[0] = lists[2];
        peer.enc[1] = lists[3];
        if (client.kexProposal != null && server.kexProposal != null && s.kex == null) {
          s.kex = choose(client.kexProposal, server.kexProposal);
          s.kexKind = kexKind(s.kex);
        }
      }
      if (peer.keyStart == 0 || peer.keyStart == frame) {
        peer.keyStart = frame;
        if (peer.seqKexInit == 0) {
          peer.seqKexInit = peer.seq++;
        }
      }
      m.seq = peer.seqKexInit;
    } else if (code == 21) {
      if (!peer.newKeys) {
        peer.newKeys = true;
        if (peer.seqNewKeys == 0) {
          peer.seqNewKeys = peer.seq++;
        }
      }
      m.seq = peer.seqNewKeys;
    }
  }

  /**
   * tshark 4.0 chooses each side's cipher when the (EC)DH reply comes (not after a group
   * exchange); with one chosen it later tries to decrypt that side's packets.
   */
  private static void chooseCiphers(Session s) {
    Peer client = s.peers[CLIENT];
    Peer server = s.peers[SERVER];
    for (int dir = 0; dir < 2; dir++) {
      Peer p = s.peers[dir];
      if (p.cipher == null && client.enc[dir] != null && server.enc[dir] != null) {
        p.cipher = choose(client.enc[dir], server.enc[dir]);
      }
    }
  }

  private static int kexKind(String kex) {
    if (kex == null) {
      return KEX_DH;
    }
    if (kex.equals("diffie-hellman-group-exchange-sha1") || kex.equals("diffie-hellman-group-exchange-sha256")) {
      return KEX_GEX;
    }
    if (kex.startsWith("ecdh-sha2-") || kex.equals("curve25519-sha256@libssh.org")
        || kex.equals("curve25519-sha256") || kex.equals("curve448-sha512")) {
      return KEX_ECDH;
    }
    return KEX_DH;
  }

  /** The first of the client's names that the server lists too (RFC 4253 section 7.1). */
  private static String choose(String client, String server) {
    java.util.List<String> offered = java.util.Arrays.asList(server.split(",", -1));
    for (String name : client.split(",", -1)) {
      if (offered.contains(name)) {
        return name;
      }
    }
    return null;
  }

  /** The ten name-lists of a KEXINIT starting at {@code p}, or null when they do not fit. */
  private static String[] proposals(byte[] b, int p, int end) {
    String[] out = new String[PROPOSALS.length];
    for (int i = 0; i < out.length; i++) {
      if (end - p < 4) {
        return null;
      }
      long n = Bytes.u32(b, p);
      if (n > end - p - 4) {
        return null;
      }
      out[i] = new String(b, p + 4, (int) n, StandardCharsets.ISO_8859_1);
      p += 4 + (int) n;
    }
    return out;
  }

  @Override
  public boolean layerForPartial() {
    return true;
  }

  @Override
  public String partialInfo(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return ""; // tshark's SSH clears Info before it asks TCP for more
  }

  /** Consecutive messages of a segment are one {@code ssh} layer, as tshark lists them. */
  @Override
  public boolean splitPdus() {
    return false;
  }

  // ---------------------------------------------------------------- first pass

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    int transport = Transport.find(d, layer);
    boolean response = transport >= 0 && response(d, transport);
    Session session = session(d, transport);
    Peer peer = session.peers[response ? SERVER : CLIENT];
    byte[] b = d.data();
    java.util.List<Message> messages = new java.util.ArrayList<>();
    java.util.List<Integer> offsets = new java.util.ArrayList<>();
    int pos = s;
    while (pos < e) {
      Message m = null;
      while (!peer.pending.isEmpty()) {
        Message h = peer.pending.peek();
        if (h.length <= e - pos && h.head == head(b, pos, h.length)) {
          m = peer.pending.poll();
          break;
        }
        // A PDU TCP gave up on (a gap) or one cut at the reassembly limit: not this one.
        peer.pending.poll();
      }
      if (m == null) {
        m = new Message(ENCRYPTED, e - pos, 0, session.version);
      }
      messages.add(m);
      offsets.add(pos - s);
      pos += m.length;
    }
    int[] off = new int[offsets.size()];
    for (int i = 0; i < off.length; i++) {
      off[i] = offsets.get(i);
    }
    d.attach(layer, new Layout(response, messages.toArray(new Message[0]), off));
    return null;
  }

  // ---------------------------------------------------------------- walkers

  @Override
  public void fields(Tree t) {
    Layout l = (Layout) t.attachment();
    if (l == null || l.messages.length == 0) {
      return; // a segment that only starts a message: tshark's empty item
    }
    for (int i = 0; i < l.messages.length; i++) {
      Message m = l.messages[i];
      int at = l.offsets[i];
      switch (m.kind) {
        case VERSION_LINE:
          t.object(PROTOCOL, at, lineLength(t, at, m.length), text(t, at, lineLength(t, at, m.length)));
          break;
        case KEX:
          t.text(at, m.length, "SSH Version 2");
          t.enter();
          kexPacket(t, at, m, l.response);
          t.exit();
          break;
        case SSH1:
          t.text(at, m.length, "SSH Version 1");
          t.enter();
          ssh1Packet(t, at, m);
          t.exit();
          break;
        case UNDECRYPTED:
          t.text(at, m.length, "SSH Version 2");
          break;
        default:
          encrypted(t, at, m);
          break;
      }
    }
    t.generated(DIRECTION, l.response ? 1 : 0);
  }

  /** The version line without its CR LF or LF. */
  private static int lineLength(Tree t, int at, int len) {
    return len > 1 && t.u8(at + len - 2) == '\r' ? len - 2 : len - 1;
  }

  private static String text(Tree t, int at, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int c = t.u8(at + i);
      if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }

  private static void encrypted(Tree t, int at, Message m) {
    boolean version2 = m.versionBefore == 2;
    if (version2) {
      t.text(at, m.length, "SSH Version 2");
      t.enter();
    }
    int len = m.length;
    if (len > 4) {
      t.bytes(PACKET_LENGTH_ENCRYPTED, at, 4);
      t.bytes(ENCRYPTED_PACKET, at + 4, len - 4);
    }
    if (version2) {
      t.exit();
    }
  }

  private static void ssh1Packet(Tree t, int at, Message m) {
    long plen = t.u32(at);
    int padding = (int) (8 - plen % 8);
    if (plen > 0) {
      t.number(PACKET_LENGTH, at, 4, plen);
    }
    t.number(PADDING_LENGTH, at + 4, padding, padding);
    int p = at + 4 + padding;
    long len = plen;
    if (m.ssh1Code) {
      t.number(MESSAGE_CODE, p, 1, t.u8(p));
      p++;
      len = plen - 1;
    }
    t.bytes(PAYLOAD, p, (int) len);
  }

  private void kexPacket(Tree t, int at, Message m, boolean response) {
    long plen = t.u32(at);
    int padding = t.u8(at + 4);
    t.uint(PACKET_LENGTH, at, 4);
    t.uint(PADDING_LENGTH, at + 4, 1);
    int p = at + 5;
    t.text(p, (int) Math.max(0, plen - 1), m.kex == null ? "Key Exchange" : "Key Exchange (method:" + m.kex + ")");
    t.enter();
    int code = t.u8(p);
    t.number(MESSAGE_CODE, p, 1, code);
    p++;
    if (code >= 30 && code < 40) {
      p = kexSpecific(t, p, code, m.kexKind);
    } else if (code == 20) {
      p = keyInit(t, p, response);
    }
    long rest = plen + 4 - padding - (p - at);
    if (rest > 0) {
      t.bytes(PAYLOAD, p, (int) rest);
      p += (int) rest;
    }
    t.exit();
    t.bytes(PADDING_STRING, p, padding);
    t.number(SEQ_NUM, p + padding, 0, m.seq);
  }

  private static int keyInit(Tree t, int p, boolean response) {
    int start = p;
    t.text(p, 0, "Algorithms");
    t.enter();
    t.bytes(COOKIE, p, 16);
    p += 16;
    String[] lists = new String[PROPOSALS.length];
    for (int i = 0; i < PROPOSALS.length; i++) {
      int n = clamp(t, t.uint(PROPOSAL_FIELDS[2 * i], p, 4));
      lists[i] = t.asciiz(p + 4, n);
      t.object(PROPOSAL_FIELDS[2 * i + 1], p + 4, n, lists[i]);
      p += 4 + n;
    }
    t.uint(FIRST_KEX_PACKET_FOLLOWS, p, 1);
    p++;
    t.bytes(KEX_RESERVED, p, 4);
    p += 4;
    int dir = response ? 1 : 0;
    String algorithms = lists[0] + ";" + lists[2 + dir] + ";" + lists[4 + dir] + ";" + lists[6 + dir];
    Field algoField = response ? HASSH_SERVER_ALGORITHMS : HASSH_ALGORITHMS;
    Field hashField = response ? HASSH_SERVER : HASSH;
    if (t.wants(algoField) || t.wants(hashField)) {
      t.object(algoField, p, 0, algorithms);
      t.object(hashField, p, 0, TlsDissector.md5(algorithms));
    }
    t.exit();
    return p > start ? p : start;
  }

  private int kexSpecific(Tree t, int p, int code, int kind) {
    switch (kind) {
      case KEX_GEX:
        switch (code) {
          case 30:
            t.uint(DH_GEX_NBITS, p, 4);
            return p + 4;
          case 31:
            p += mpint(t, p, DH_GEX_P);
            return p + mpint(t, p, DH_GEX_G);
          case 32:
            return p + mpint(t, p, DH_E);
          case 33:
            p += hostKey(t, p);
            p += mpint(t, p, DH_F);
            return p + hostSignature(t, p);
          case 34:
            t.uint(DH_GEX_MIN, p, 4);
            t.uint(DH_GEX_NBITS, p + 4, 4);
            t.uint(DH_GEX_MAX, p + 8, 4);
            return p + 12;
          default:
            return p;
        }
      case KEX_ECDH:
        if (code == 30) {
          return p + string(t, p, ECDH_Q_C, ECDH_Q_C_LENGTH);
        } else if (code == 31) {
          p += hostKey(t, p);
          p += string(t, p, ECDH_Q_S, ECDH_Q_S_LENGTH);
          return p + hostSignature(t, p);
        }
        return p;
      default:
        if (code == 30) {
          return p + mpint(t, p, DH_E);
        } else if (code == 31) {
          p += hostKey(t, p);
          p += mpint(t, p, DH_F);
          return p + hostSignature(t, p);
        }
        return p;
    }
  }

  private static int mpint(Tree t, int p, Field value) {
    int n = clamp(t, t.uint(MPINT_LENGTH, p, 4));
    t.bytes(value, p + 4, n);
    return 4 + n;
  }

  private static int string(Tree t, int p, Field value, Field length) {
    int n = clamp(t, t.uint(length, p, 4));
    t.bytes(value, p + 4, n);
    return 4 + n;
  }

  /** The server's host key (RFC 4253 section 6.6); returns its length with the length field. */
  private static int hostKey(Tree t, int p) {
    long rawKeyLen = t.u32(p);
    int keyLen = clamp(t, rawKeyLen);
    long rawTypeLen = t.u32(p + 4);
    int typeLen = clamp(t, rawTypeLen);
    String type = t.asciiz(p + 8, typeLen);
    t.text(p, keyLen + 4, "KEX host key (type: " + type + ")");
    t.enter();
    t.number(HOST_KEY_LENGTH, p, 4, rawKeyLen);
    t.number(HOST_KEY_TYPE_LENGTH, p + 4, 4, rawTypeLen);
    t.object(HOST_KEY_TYPE, p + 8, typeLen, type);
    int q = p + 8 + typeLen;
    if (type.equals("ssh-rsa")) {
      q += mpint(t, q, HOST_KEY_RSA_E);
      mpint(t, q, HOST_KEY_RSA_N);
    } else if (type.equals("ssh-dss")) {
      q += mpint(t, q, HOST_KEY_DSA_P);
      q += mpint(t, q, HOST_KEY_DSA_Q);
      q += mpint(t, q, HOST_KEY_DSA_G);
      mpint(t, q, HOST_KEY_DSA_Y);
    } else if (type.startsWith("ecdsa-sha2-")) {
      int idLen = clamp(t, t.uint(HOST_KEY_ECDSA_ID_LENGTH, q, 4));
      t.object(HOST_KEY_ECDSA_ID, q + 4, idLen, t.asciiz(q + 4, idLen));
      q += 4 + idLen;
      string(t, q, HOST_KEY_ECDSA_Q, HOST_KEY_ECDSA_Q_LENGTH);
    } else if (type.startsWith("ssh-ed")) {
      string(t, q, HOST_KEY_EDDSA_KEY, HOST_KEY_EDDSA_KEY_LENGTH);
    } else {
      t.bytes(HOST_KEY_DATA, q, keyLen - (typeLen + 4));
    }
    t.exit();
    return 4 + keyLen;
  }

  /**
   * The exchange-hash signature. Like tshark 4.0 it decodes RSA and DSA signatures and only the
   * type of ECDSA and EdDSA ones, and then says the decoded part is shorter than the signature.
   */
  private static int hostSignature(Tree t, int p) {
    long sigLen = t.u32(p);
    long rawTypeLen = t.u32(p + 4);
    int typeLen = clamp(t, rawTypeLen);
    String type = t.asciiz(p + 8, typeLen);
    t.text(p, clamp(t, sigLen + 4), "KEX host signature (type: " + type + ")");
    t.enter();
    t.number(HOST_SIG_LENGTH, p, 4, sigLen);
    int q = p + 8 + typeLen;
    if (type.equals("ssh-rsa")) {
      q += mpintAfterType(t, p, q, typeLen, type, HOST_SIG_RSA);
    } else if (type.equals("ssh-dss")) {
      q += mpintAfterType(t, p, q, typeLen, type, HOST_SIG_DSA);
    } else {
      int decoded = q - p;
      if (decoded != 4 + sigLen) {
        t.enter();
        t.expert(PACKET_DECODE, p, 4, "Decoded " + decoded + " bytes, but packet legnth is " + sigLen + " bytes");
        t.exit();
      }
      t.number(HOST_SIG_TYPE_LENGTH, p + 4, 4, rawTypeLen);
      t.object(HOST_SIG_TYPE, p + 8, typeLen, type);
      if (!type.startsWith("ecdsa-sha2-") && !type.startsWith("ssh-ed")) {
        t.bytes(HOST_SIG_DATA, q, clamp(t, sigLen - (typeLen + 4)));
      }
      t.exit();
      return 4 + clamp(t, sigLen);
    }
    int decoded = q - p;
    if (decoded != 4 + sigLen) {
      t.expert(PACKET_DECODE, p, 4, "Decoded " + decoded + " bytes, but packet legnth is " + sigLen + " bytes");
    }
    t.exit();
    return 4 + clamp(t, sigLen);
  }

  /**
   * A length read off the wire, capped at the layer's length: what lies past it cannot be shown
   * anyway, and offsets computed from it stay far from int overflow.
   */
  private static int clamp(Tree t, long n) {
    return (int) Math.max(-1, Math.min(n, t.length()));
  }

  private static int mpintAfterType(Tree t, int p, int q, int typeLen, String type, Field value) {
    t.number(HOST_SIG_TYPE_LENGTH, p + 4, 4, t.u32(p + 4));
    t.object(HOST_SIG_TYPE, p + 8, typeLen, type);
    return mpint(t, q, value);
  }

  // ---------------------------------------------------------------- columns

  @Override
  public void columns(Tree t, Columns c) {
    Layout l = (Layout) t.attachment();
    if (l == null || l.messages.length == 0) {
      return; // TCP's "[TCP segment of a reassembled PDU]" stays
    }
    int version = l.messages.length > 0 ? l.messages[0].versionBefore : 0;
    c.protocol = version == 2 ? "SSHv2" : version == 1 ? "SSHv1" : "SSH";
    StringBuilder info = new StringBuilder(l.response ? "Server: " : "Client: ");
    boolean first = true;
    for (int i = 0; i < l.messages.length; i++) {
      String part = infoOf(t, l.messages[i], l.offsets[i]);
      if (part != null) {
        info.append(first ? "" : ", ").append(part);
        first = false;
      }
    }
    c.setInfo(info.toString());
  }

  private static String infoOf(Tree t, Message m, int at) {
    switch (m.kind) {
      case VERSION_LINE:
        return "Protocol (" + text(t, at, lineLength(t, at, m.length)) + ")";
      case KEX: {
        int code = t.u8(at + 5);
        Map<Long, String> names = code >= 30 && code < 40
            ? (m.kexKind == KEX_GEX ? GEX_MESSAGES : m.kexKind == KEX_ECDH ? ECDH_MESSAGES : DH_MESSAGES)
            : SSH2_MESSAGES;
        return names.getOrDefault((long) code, "Unknown (" + code + ")");
      }
      case SSH1: {
        long plen = t.u32(at);
        if (!m.ssh1Code) {
          return "Encrypted packet (len=" + plen + ")";
        }
        int code = t.u8(at + 4 + (int) (8 - plen % 8));
        return SSH1_MESSAGES.getOrDefault((long) code, "Unknown (" + code + ")");
      }
      case UNDECRYPTED:
        return null;
      default:
        return "Encrypted packet (len=" + m.length + ")";
    }
  }
}
