package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.golden.TsharkRows;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NBNS, NBDGM, SMB mailslots and the browser protocol against tshark 4.0 on the corpus: ndpi's
 * NetBIOS capture (name queries, NB and NBSTAT responses, host announcements), the Solaris snoop
 * capture (backup list requests, elections, old hosts' announcements), zeek's Teredo capture and
 * ndpi's 1kxun (local master and workgroup announcements). Expected rows:
 * {@code scripts/golden/record-fields.sh netsift-core/src/test/resources/netbios/expected
 * "nbns nbdgm smb mailslot browser" CAPTURES}. Frames tshark reaches through NetBIOS over LLC
 * ({@code netbios}, not dissected by netsift) are left out.
 */
class NetbiosDissectorsTest {
  private static final String[] MINE = {"nbns.", "nbdgm.", "mailslot.", "browser.", "smb."};
  private static final String[] COLUMNS = {"frame.protocols", "_ws.col.Protocol", "_ws.col.Info"};

  /**
   * Compares every field of these protocols, and the columns, on every frame of {@code file}
   * that carries NBNS or NBDGM (the SMB fields only there: other SMB frames are SmbDissectorTest's).
   * Returns how many frames were compared.
   */
  private static int check(String file) throws IOException {
    List<String> expected = TsharkRows.resource("/netbios/expected/" + file + ".tsv.gz");
    String[] header = expected.get(0).split("\t", -1);
    List<String> names = new ArrayList<>();
    List<Integer> cols = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      boolean keep = List.of(COLUMNS).contains(header[i]);
      for (String p : MINE) {
        keep |= header[i].startsWith(p);
      }
      if (keep) {
        names.add(header[i]);
        cols.add(i);
      }
    }
    List<String> actual = L2Expectations.columns(file, names.toArray(new String[0]));
    assertEquals(expected.size() - 1, actual.size(), file + ": packets");
    List<String> failures = new ArrayList<>();
    int frames = 0;
    for (int p = 1; p < expected.size(); p++) {
      String[] t = expected.get(p).split("\t", -1);
      String[] n = actual.get(p - 1).split("\t", -1);
      boolean netbios = t[0].matches(".*:(nbns|nbdgm)(:.*|$)");
      boolean smbFrame = t[0].contains(":smb");
      if (!netbios) {
        // Elsewhere these protocols must not appear at all (a TCP SMB frame is SmbDissectorTest's).
        if (smbFrame) {
          continue;
        }
        for (int j = 0; j < cols.size(); j++) {
          String name = header[cols.get(j)];
          String nv = j < n.length ? n[j] : "";
          if (!List.of(COLUMNS).contains(name) && !nv.isEmpty()) {
            failures.add(file + " frame " + p + " " + name + ": tshark [] netsift [" + nv + "]");
          }
        }
        continue;
      }
      frames++;
      for (int j = 0; j < cols.size(); j++) {
        String tv = cols.get(j) < t.length ? t[cols.get(j)] : "";
        String nv = j < n.length ? n[j] : "";
        if (!tv.equals(nv)) {
          failures.add(file + " frame " + p + " " + names.get(j) + ": tshark [" + tv + "] netsift [" + nv + "]");
        }
      }
    }
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), file);
    return frames;
  }

  @Test
  void nameQueriesNbstatAndHostAnnouncementsMatchTshark() throws IOException {
    assertEquals(258, check("ndpi__netbios.pcap"));
  }

  @Test
  void backupListsElectionsAndOldAnnouncementsMatchTshark() throws IOException {
    assertEquals(47, check("pcapplusplus__solaris.snoop"));
  }

  @Test
  void workgroupAndLocalMasterAnnouncementsMatchTshark() throws IOException {
    assertTrue(check("zeek__tunnels__Teredo.pcap") >= 5);
    assertEquals(31, check("ndpi__1kxun.pcap"));
  }
}
