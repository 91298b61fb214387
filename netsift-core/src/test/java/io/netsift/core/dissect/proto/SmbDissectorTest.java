package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NBSS, SMB and SMB2 against tshark 4.0 on the corpus: zeek's MAPI capture (SMB1 over port 139,
 * NT Create AndX, Read AndX, named-pipe transactions carrying DCE/RPC), suricata's smb-length
 * capture (SMB2 compounds and nested chains on 445), zeek's SMB2 and SMB3 captures (trees,
 * sessions, pipes, the SMB3 transform header), the SMB2 negotiation of zeek's LDAP capture and
 * ndpi's NetBIOS session request. Expected rows: {@code scripts/golden/record-fields.sh
 * netsift-core/src/test/resources/smb/expected "nbss smb smb2 smb_pipe" CAPTURES}. The compared
 * fields are those netsift reports; what is left (Trans2 bodies, NT Create AndX's extended
 * response, SMB2 command bodies beyond the ones the Info column needs) is named in the prefixes'
 * absence.
 */
class SmbDissectorTest {
  /** The header of SMB and what its commands that netsift dissects report (SMB2 captures share some names). */
  private static final String[] SMB = {"nbss.", "smb.server_component", "smb.cmd", "smb.nt_status",
      "smb.error_class", "smb.error_code", "smb.flags", "smb.pid", "smb.tid", "smb.uid", "smb.mid", "smb.signature",
      "smb.wct", "smb.response_to", "smb.time", "smb_pipe", "smb.andxoffset", "smb.trans_name", "smb.transaction",
      "smb.timeout", "smb.msc", "smb.mpc", "smb.mdc", "smb.oplock", "smb.create.action", "smb.file_type",
      "smb.ipc_state", "smb.is_directory", "smb.rfid", "smb.file_name_len", "smb.impersonation", "smb.security",
      "smb.offset", "smb.maxcount", "smb.mincount", "smb.remaining", "smb.dcm", "smb.data_len", "smb.file_data",
      "smb.file.rw", "smb.dialect", "smb.buffer_format"};
  /** The SMB2 header, trees, sessions, file IDs and security blobs. */
  private static final String[] SMB2 = {"smb2.protocol_id", "smb2.header_len", "smb2.credit",
      "smb2.channel_sequence", "smb2.cmd", "smb2.flags", "smb2.chain_offset", "smb2.msg_id", "smb2.aid", "smb2.pid",
      "smb2.tid", "smb2.sesid", "smb2.signature", "smb2.response_to", "smb2.time", "smb2.tree", "smb2.share_type",
      "smb2.auth_frame", "smb2.tcon_frame", "smb2.buffer_code", "smb2.header.transform"};

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @Test
  void smb1OverNetbiosMatchesTshark() throws IOException {
    // every nbss, smb and smb_pipe field tshark fills on this capture
    L2Expectations.checkIn("smb", "zeek__dce-rpc__mapi.pcap", "nbss.", "smb.", "smb_pipe");
  }

  @Test
  void smb2CompoundsMatchTshark() throws IOException {
    L2Expectations.checkIn("smb", "suricata__smb-length-5770.pcap", with(with(SMB, SMB2), "smb2.security_blob",
        "smb2.fid", "smb.fid", "smb.create_flags", "smb.nt.create."));
  }

  @Test
  void smb2TreesPipesAndSessionsMatchTshark() throws IOException {
    L2Expectations.checkIn("smb", "zeek__smb__smb2.pcap", with(with(SMB, SMB2), "smb2.security_blob",
        "smb2.nt_status"));
    L2Expectations.checkIn("smb", "zeek__ldap__aduser1.pcap", with(with(SMB, SMB2), "smb2.security_blob",
        "smb2.nt_status", "smb2.fid"));
  }

  @Test
  void smb3TransformHeaderMatchesTshark() throws IOException {
    L2Expectations.checkIn("smb", "zeek__smb__smb3.pcap", with(SMB2, "nbss.", "smb2.nt_status", "smb2.fid"));
  }

  @Test
  void netbiosSessionRequestAndContinuationMatchTshark() throws IOException {
    L2Expectations.checkIn("smb", "ndpi__netbios.pcap", "nbss.");
  }

  /** Protocol and Info of every frame tshark leaves to NBSS, SMB or SMB2 (DCE/RPC, SPNEGO frames aside). */
  @Test
  void infoColumnsMatchTshark() throws IOException {
    for (String file : new String[] {"zeek__dce-rpc__mapi.pcap", "suricata__smb-length-5770.pcap",
        "zeek__smb__smb3.pcap"}) {
      List<String> expected = TsharkRows.resource("/smb/expected/" + file + ".tsv.gz");
      List<String> actual = L2Expectations.columns(file, "_ws.col.Protocol", "_ws.col.Info");
      List<String> want = new ArrayList<>();
      List<String> got = new ArrayList<>();
      for (int i = 1; i < expected.size(); i++) {
        String[] t = expected.get(i).split("\t", -1);
        if (t[0].contains("nbss") && !t[0].matches(".*(dcerpc|gss-api|ntlmssp).*")) {
          want.add(i + " " + t[1] + " " + t[2]);
          got.add(i + " " + actual.get(i - 1).replace('\t', ' '));
        }
      }
      assertTrue(want.size() > 40, file);
      assertEquals(want, got, file);
    }
  }
}
