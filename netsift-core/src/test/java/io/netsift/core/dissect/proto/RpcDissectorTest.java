package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * ONC RPC with its portmap, mount, NFS and NFSACL layers: NFSv3 over UDP found by the heuristic
 * (ndpi), over TCP with record marking and two records in one segment (zeek), mountd on a port
 * portmap announced. Expected values: tshark 4.0,
 * recorded by {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/oncrpc/expected
 * "rpc portmap mount nfs nfsacl" CAPTURES}; the RPC header fields, call/reply matching, the
 * programs' procedure fields, the NFS file handles, names, offsets and counts, and the Protocol
 * and Info columns of every frame.
 */
class RpcDissectorTest {
  private static final String[] FIELDS = {"rpc.xid", "rpc.msgtyp", "rpc.version", "rpc.program",
      "rpc.programversion", "rpc.procedure", "rpc.auth.flavor", "rpc.auth.length", "rpc.auth.stamp",
      "rpc.auth.uid", "rpc.auth.gid", "rpc.auth.machinename", "rpc.replystat", "rpc.state_accept",
      "rpc.repframe", "rpc.time", "rpc.lastfrag", "rpc.fraglen", "portmap.procedure_v", "mount.procedure_v",
      "nfs.procedure_v", "nfsacl.procedure_v", "nfs.fh.length", "nfs.fh.hash", "nfs.name", "nfs.status3",
      "nfs.offset3", "mount.path", "portmap.port", "portmap.prog", "portmap.proto",
      "portmap.version"};

  @Test
  void nfsOverUdp() throws IOException {
    L2Expectations.checkIn("oncrpc", "ndpi__nfsv3.pcap", FIELDS);
  }

  @Test
  void nfsOverTcpAndMountOverUdp() throws IOException {
    L2Expectations.checkIn("oncrpc", "zeek__nfs__nfs_write.pcap", FIELDS);
  }

  /** NFS datagrams with random bytes written over them and cut short: nothing throws. */
  @Test
  void mutatedCallsNeverThrow() throws IOException {
    int rendered = L2Expectations.mutatedFramesReaching("ndpi__nfsv3.pcap", 42, 60, 3000, "rpc");
    assertTrue(rendered > 500, "frames that reached RPC: " + rendered);
  }
}
