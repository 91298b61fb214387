package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.List;
import java.util.Map;

/**
 * The Microsoft Windows browser protocol ([MS-BRWS] 2.2, tshark's {@code browser}) in the data of
 * a {@code \MAILSLOT\BROWSE} transaction: host, workgroup and local master announcements,
 * elections, backup list requests and responses. The Info column names the command, the
 * announced host and every server type bit set, as tshark does.
 *
 * <pre>
 * announcement: | cmd | update count | period ms (4) | name (16) | os major | os minor |
 *               | server type (4) | proto major | proto minor | signature (2) | comment (NUL) |
 * election:     | cmd | version | desire | proto major | proto minor | os | uptime (4) | 0 (4) | name (NUL) |
 * </pre>
 * Integers are little-endian.
 */
public final class BrowserDissector extends Dissector {
  static final int HOST_ANNOUNCEMENT = 0x01;
  static final int REQUEST_ANNOUNCEMENT = 0x02;
  static final int ELECTION = 0x08;
  static final int BACKUP_LIST_REQUEST = 0x09;
  static final int BACKUP_LIST_RESPONSE = 0x0a;
  static final int BECOME_BACKUP = 0x0b;
  static final int DOMAIN_ANNOUNCEMENT = 0x0c;
  static final int MASTER_ANNOUNCEMENT = 0x0d;
  static final int RESET_STATE = 0x0e;
  static final int LOCAL_MASTER_ANNOUNCEMENT = 0x0f;

  private static final Map<Long, String> COMMANDS = ValueNames.parse(
      "0x01=Host Announcement|0x02=Request Announcement|0x08=Browser Election Request|"
          + "0x09=Get Backup List Request|0x0a=Get Backup List Response|0x0b=Become Backup Browser|"
          + "0x0c=Domain/Workgroup Announcement|0x0d=Master Announcement|0x0e=Reset Browser State Announcement|"
          + "0x0f=Local Master Announcement");
  /** Names of the server type bits in the Info column. */
  private static final Map<Long, String> SERVER_TYPES = ValueNames.parse(
      "0=Workstation|1=Server|2=SQL Server|3=Domain Controller|4=Backup Controller|5=Time Source|6=Apple Server|"
          + "7=Novell Server|8=Domain Member Server|9=Print Queue Server|10=Dialin Server|11=Xenix Server|"
          + "12=NT Workstation|13=Windows for Workgroups|15=NT Server|16=Potential Browser|17=Backup Browser|"
          + "18=Master Browser|19=Domain Master Browser|20=OSF|21=VMS|22=Windows 95 or above|23=DFS server|"
          + "30=Local List Only|31=Domain Enum");
  /** The Windows release an announcement's OS version stands for ([MS-BRWS] 2.2.1). */
  private static final Map<Long, String> WINDOWS_VERSIONS = ValueNames.parse(
      "0x0500=Windows 2000|0x0501=Windows XP|0x0502=Windows Server 2003 R2 or Windows Server 2003|"
          + "0x0600=Windows Vista or Windows Server 2008|0x0601=Windows 7 or Windows Server 2008 R2");

  public static final Field COMMAND = Field.u8("browser.command", "Command").hex().labels(COMMANDS);
  public static final Field UPDATE_COUNT = Field.u8("browser.update_count", "Update Count");
  public static final Field PERIOD = Field.u32("browser.period", "Update Periodicity");
  public static final Field SERVER = Field.string("browser.server", "Server Name");
  public static final Field WINDOWS_VERSION = Field.string("browser.windows_version", "Windows version");
  public static final Field OS_MAJOR = Field.u8("browser.os_major", "OS Major Version");
  public static final Field OS_MINOR = Field.u8("browser.os_minor", "OS Minor Version");
  public static final Field SERVER_TYPE = Field.u32("browser.server_type", "Server Type").hex();
  static final Field[] SERVER_TYPE_BITS = bits(32, "browser.server_type.",
      "workstation:Workstation:0x1:This is a Workstation:This is NOT a Workstation",
      "server:Server:0x2:This is a Server:This is NOT a Server",
      "sql:SQL:0x4:This is an SQL server:This is NOT an SQL server",
      "domain_controller:Domain Controller:0x8:This is a Domain Controller:This is NOT a Domain Controller",
      "backup_controller:Backup Controller:0x10:This is a Backup Controller:This is NOT a Backup Controller",
      "time:Time Source:0x20:This is a Time Source:This is NOT a Time Source",
      "apple:Apple:0x40:This is an Apple host:This is NOT an Apple host",
      "novell:Novell:0x80:This is a Novell server:This is NOT a Novell server",
      "member:Member:0x100:This is a Domain Member server:This is NOT a Domain Member server",
      "print:Print:0x200:This is a Print Queue server:This is NOT a Print Queue server",
      "dialin:Dialin:0x400:This is a Dialin server:This is NOT a Dialin server",
      "xenix:Xenix:0x800:This is a Xenix server:This is NOT a Xenix server",
      "ntw:NT Workstation:0x1000:This is an NT Workstation:This is NOT an NT Workstation",
      "wfw:WfW:0x2000:This is a WfW host:This is NOT a WfW host",
      "nts:NT Server:0x8000:This is an NT Server:This is NOT an NT Server",
      "browser.potential:Potential Browser:0x10000:This is a Potential Browser:This is NOT a Potential Browser",
      "browser.backup:Backup Browser:0x20000:This is a Backup Browser:This is NOT a Backup Browser",
      "browser.master:Master Browser:0x40000:This is a Master Browser:This is NOT a Master Browser",
      "browser.domain_master:Domain Master Browser:0x80000:This is a Domain Master Browser"
          + ":This is NOT a Domain Master Browser",
      "osf:OSF:0x100000:This is an OSF host:This is NOT an OSF host",
      "vms:VMS:0x200000:This is a VMS host:This is NOT a VMS host",
      "w95:Windows 95+:0x400000:This is a Windows 95 or above host:This is NOT a Windows 95 or above host",
      "dfs:DFS:0x800000:This is a DFS server:THis is NOT a DFS server",
      "local:Local:0x40000000:This is a local list only request:This is NOT a local list only request",
      "domainenum:Domain Enum:0x80000000:This is a Domain Enum request:This is NOT a Domain Enum request");
  public static final Field PROTO_MAJOR = Field.u8("browser.proto_major", "Browser Protocol Major Version");
  public static final Field PROTO_MINOR = Field.u8("browser.proto_minor", "Browser Protocol Minor Version");
  public static final Field SIG = Field.u16("browser.sig", "Signature").hex();
  public static final Field MYSTERIOUS = Field.u32("browser.mysterious_field", "Mysterious Field").hex();
  public static final Field COMMENT = Field.of("browser.comment", "Host Comment",
      io.netsift.core.field.FieldType.STRINGZ);
  public static final Field MB_SERVER = Field.string("browser.mb_server", "Master Browser Server Name");
  public static final Field UNUSED = Field.u8("browser.unused", "Unused flags").hex();
  public static final Field RESPONSE_COMPUTER_NAME = Field.of("browser.response_computer_name",
      "Response Computer Name", io.netsift.core.field.FieldType.STRINGZ);
  public static final Field ELECTION_VERSION = Field.u8("browser.election.version", "Election Version");
  public static final Field CRITERIA = Field.u32("browser.election.criteria", "Election Criteria").hex();
  public static final Field DESIRE = Field.u8("browser.election.desire", "Election Desire").hex();
  static final Field[] DESIRE_BITS = bits(8, "browser.election.desire.",
      "backup:Backup:0x1:Backup Browse Server:NOT Backup Browse Server",
      "standby:Standby:0x2:Standby Browse Server:NOT Standby Browse Server",
      "master:Master:0x4:Master Browser:NOT Master Browser",
      "domain_master:Domain Master:0x8:Domain Master Browse Server:NOT Domain Master Browse Server",
      "wins:WINS:0x20:WINS Client:NOT WINS Client",
      "nt:NT:0x80:Windows NT Advanced Server:NOT Windows NT Advanced Server");
  public static final Field ELECTION_OS = Field.u8("browser.election.os", "Election OS").hex();
  static final Field[] OS_BITS = bits(8, "browser.election.os.",
      "wfw:WfW:0x1:Windows for Workgroups:Not Windows for Workgroups",
      "ntw:NT Workstation:0x10:Windows NT Workstation:Not Windows NT Workstation",
      "nts:NT Server:0x20:Windows NT Server:Not Windows NT Server");
  public static final Field UPTIME = Field.u32("browser.uptime", "Uptime");
  public static final Field BACKUP_COUNT = Field.u8("browser.backup.count", "Backup List Requested Count");
  public static final Field BACKUP_TOKEN = Field.u32("browser.backup.token", "Backup Request Token");
  public static final Field BACKUP_SERVER = Field.string("browser.backup.server", "Backup Server");
  public static final Field BROWSER_TO_PROMOTE = Field.of("browser.browser_to_promote", "Browser to Promote",
      io.netsift.core.field.FieldType.STRINGZ);
  public static final Field RESET_CMD = Field.u8("browser.reset_cmd", "ResetBrowserState Command").hex();

  public BrowserDissector() {
    super("browser", "Microsoft Windows Browser Protocol", "BROWSER");
  }

  /** Boolean fields "suffix:Label:mask:true text:false text" of one flags word. */
  private static Field[] bits(int width, String prefix, String... specs) {
    Field[] out = new Field[specs.length];
    for (int i = 0; i < specs.length; i++) {
      String[] p = specs[i].split(":");
      out[i] = Field.bool(prefix + p[0], p[1]).mask(Long.decode(p[2]), width).states(p[3], p[4]);
    }
    return out;
  }

  @Override
  public List<Field> declaredFields() {
    List<Field> out = super.declaredFields();
    for (Field[] group : new Field[][] {SERVER_TYPE_BITS, DESIRE_BITS, OS_BITS}) {
      out.addAll(List.of(group));
    }
    return out;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    return null;
  }

  private static boolean announcement(int cmd) {
    return cmd == HOST_ANNOUNCEMENT || cmd == DOMAIN_ANNOUNCEMENT || cmd == LOCAL_MASTER_ANNOUNCEMENT;
  }

  /** Bytes of the NUL-terminated string at {@code at}, its NUL included when captured. */
  private static int stringz(Tree t, int at) {
    int n = 0;
    while (t.has(at + n, 1) && t.u8(at + n) != 0) {
      n++;
    }
    return t.has(at + n, 1) ? n + 1 : n;
  }

  private static void string(Tree t, Field f, int at, int n) {
    t.object(f, at, n, t.asciiz(at, n));
  }

  @Override
  public void fields(Tree t) {
    int cmd = (int) t.uint(COMMAND, 0, 1);
    int at = 1;
    if (announcement(cmd)) {
      t.uint(UPDATE_COUNT, 1, 1);
      t.uintle(PERIOD, 2, 4);
      string(t, SERVER, 6, 16);
      if (t.has(22, 2)) {
        t.object(WINDOWS_VERSION, 22, 2, WINDOWS_VERSIONS.getOrDefault((long) t.u16(22), ""));
      }
      t.uint(OS_MAJOR, 22, 1);
      t.uint(OS_MINOR, 23, 1);
      t.uintle(SERVER_TYPE, 24, 4);
      t.enter();
      for (Field f : SERVER_TYPE_BITS) {
        t.uintle(f, 24, 4);
      }
      t.exit();
      if (cmd == DOMAIN_ANNOUNCEMENT && t.u16le(30) != 0xaa55) {
        t.uintle(MYSTERIOUS, 28, 4);
      } else {
        t.uint(PROTO_MAJOR, 28, 1);
        t.uint(PROTO_MINOR, 29, 1);
        t.uintle(SIG, 30, 2);
      }
      if (t.has(32, 1)) {
        string(t, cmd == DOMAIN_ANNOUNCEMENT ? MB_SERVER : COMMENT, 32, stringz(t, 32));
      }
      return;
    }
    switch (cmd) {
      case REQUEST_ANNOUNCEMENT:
        t.uint(UNUSED, at, 1);
        string(t, RESPONSE_COMPUTER_NAME, at + 1, stringz(t, at + 1));
        break;
      case ELECTION:
        t.uint(ELECTION_VERSION, 1, 1);
        t.uintle(CRITERIA, 2, 4);
        t.enter();
        t.uint(DESIRE, 2, 1);
        t.enter();
        for (Field f : DESIRE_BITS) {
          t.uint(f, 2, 1);
        }
        t.exit();
        t.uint(PROTO_MAJOR, 3, 1);
        t.uint(PROTO_MINOR, 4, 1);
        t.uint(ELECTION_OS, 5, 1);
        t.enter();
        for (Field f : OS_BITS) {
          t.uint(f, 5, 1);
        }
        t.exit();
        t.exit();
        t.uintle(UPTIME, 6, 4);
        if (t.has(14, 1)) {
          string(t, SERVER, 14, stringz(t, 14));
        }
        break;
      case BACKUP_LIST_REQUEST:
        t.uint(BACKUP_COUNT, 1, 1);
        t.uintle(BACKUP_TOKEN, 2, 4);
        break;
      case BACKUP_LIST_RESPONSE: {
        int count = (int) t.uint(BACKUP_COUNT, 1, 1);
        t.uintle(BACKUP_TOKEN, 2, 4);
        at = 6;
        for (int i = 0; i < count && t.has(at, 1); i++) {
          int n = stringz(t, at);
          string(t, BACKUP_SERVER, at, n);
          at += n;
        }
        break;
      }
      case MASTER_ANNOUNCEMENT:
        string(t, MB_SERVER, 1, stringz(t, 1));
        break;
      case BECOME_BACKUP:
        string(t, BROWSER_TO_PROMOTE, 1, stringz(t, 1));
        break;
      case RESET_STATE:
        t.uint(RESET_CMD, 1, 1);
        break;
      default:
        break;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    int cmd = t.u8(0);
    StringBuilder info = new StringBuilder(COMMANDS.getOrDefault((long) cmd, String.format("Unknown command:0x%02x", cmd)));
    if (announcement(cmd) && t.has(6, 1)) {
      info.append(' ').append(t.asciiz(6, 16));
      if (t.has(24, 4)) {
        long type = t.u32le(24);
        for (int i = 0; i < 32; i++) {
          if ((type & (1L << i)) != 0) {
            info.append(", ").append(SERVER_TYPES.getOrDefault((long) i, "Unknown server type:" + i));
          }
        }
      }
    } else if (cmd == REQUEST_ANNOUNCEMENT && t.has(2, 1)) {
      info.append(' ').append(t.asciiz(2, stringz(t, 2)));
    }
    c.setInfo(info.toString());
  }
}
