package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.util.Set;

/**
 * SPNEGO (<a href="https://www.rfc-editor.org/rfc/rfc4178">RFC 4178</a>) security blobs, as
 * SMB session setups, LDAP SASL binds, HTTP Negotiate and DCE/RPC authentication carry them: the
 * GSS-API framing (<a href="https://www.rfc-editor.org/rfc/rfc2743#section-3.1">RFC 2743
 * section 3.1</a>) with the SPNEGO OID 1.3.6.1.5.5.2, then a NegotiationToken:
 *
 * <pre>
 * [APPLICATION 0] { thisMech OID, NegotiationToken }        (responses often omit the framing)
 * NegotiationToken ::= CHOICE { negTokenInit [0] NegTokenInit, negTokenTarg [1] NegTokenTarg }
 * NegTokenInit ::= SEQUENCE { mechTypes [0] SEQUENCE OF OID, reqFlags [1] BIT STRING OPTIONAL,
 *                             mechToken [2] OCTET STRING OPTIONAL,
 *                             negHints [3] SEQUENCE { hintName [0], hintAddress [1] } OPTIONAL (Windows),
 *                             mechListMIC [3 or 4] OCTET STRING OPTIONAL }
 * NegTokenTarg ::= SEQUENCE { negResult [0] ENUMERATED OPTIONAL, supportedMech [1] OID OPTIONAL,
 *                             responseToken [2] OCTET STRING OPTIONAL, mechListMIC [3] OPTIONAL }
 * </pre>
 *
 * When the negotiated mechanism is Kerberos (the first mechType of an init, the supportedMech of
 * a reply), the mechToken or responseToken is shown as tshark's {@code spnego.krb5.blob}: the
 * Kerberos GSS framing (<a href="https://www.rfc-editor.org/rfc/rfc1964#section-1.1">RFC 1964
 * section 1.1</a>: OID, two-byte token id) and the AP-REQ, AP-REP or KRB-ERROR it carries,
 * handed to {@link KerberosDissector}; Windows also sends a bare AP-REQ there.
 *
 * <p>No transport hands blobs to this dissector yet: {@link #blob} is the entry point for the
 * protocols that carry one (a future SMB dissector), and a layer of this protocol covering just
 * the blob works too ({@link #dissect} records the Kerberos message's notes).
 */
public final class SpnegoDissector extends Dissector {
  public static final Field GSS_OID = Field.string("gss-api.OID", "OID")
      .blurb("This is a GSS-API Object Identifier");
  public static final Field NEG_TOKEN_INIT = Field.none("spnego.negTokenInit_element", "negTokenInit");
  public static final Field NEG_TOKEN_TARG = Field.none("spnego.negTokenTarg_element", "negTokenTarg");
  public static final Field MECH_TYPES = Field.u32("spnego.mechTypes", "mechTypes")
      .shown(n -> n + (n == 1 ? " item" : " items"));
  public static final Field MECH_TYPE = Field.of("spnego.MechType", "MechType", FieldType.OID);
  public static final Field REQ_FLAGS = Field.bytes("spnego.reqFlags", "reqFlags");
  public static final Field MECH_TOKEN = Field.bytes("spnego.mechToken", "mechToken");
  public static final Field MECH_LIST_MIC = Field.bytes("spnego.mechListMIC", "mechListMIC");
  public static final Field NEG_HINTS = Field.none("spnego.negHints_element", "negHints");
  public static final Field HINT_NAME = Field.string("spnego.hintName", "hintName");
  public static final Field HINT_ADDRESS = Field.bytes("spnego.hintAddress", "hintAddress");
  public static final Field NEG_RESULT = Field.u32("spnego.negResult", "negResult")
      .labels(ValueNames.parse("0=accept-completed|1=accept-incomplete|2=reject"));
  public static final Field SUPPORTED_MECH = Field.of("spnego.supportedMech", "supportedMech", FieldType.OID);
  public static final Field RESPONSE_TOKEN = Field.bytes("spnego.responseToken", "responseToken");
  public static final Field KRB5_BLOB = Field.bytes("spnego.krb5.blob", "krb5_blob");
  public static final Field KRB5_OID = Field.string("spnego.krb5_oid", "KRB5 OID");
  public static final Field KRB5_TOK_ID = Field.u16("spnego.krb5.tok_id", "krb5_tok_id").hex()
      .labels(ValueNames.parse(
          """
          0x1=KRB5_AP_REQ|0x2=KRB5_AP_REP|0x3=KRB5_ERROR|0x101=KRB5_GSS_GetMIC|0x102=KRB5_GSS_Wrap|
          0x201=KRB5_GSS_Delete_sec_context|0x4=KERB_TGT_REQUEST|0x104=KERB_TGT_REPLY|
          0x404=KRB_TOKEN_CFX_GetMic|0x405=KRB_TOKEN_CFX_WRAP|
          """));

  public static final String OID_SPNEGO = "1.3.6.1.5.5.2";
  public static final String OID_KRB5 = "1.2.840.113554.1.2.2";
  private static final Set<String> KERBEROS = Set.of(OID_KRB5, "1.2.840.48018.1.2.2", "1.2.840.113554.1.2.2.3");

  public SpnegoDissector() {
    super("spnego", "Simple Protected Negotiation", "SPNEGO");
  }

  /**
   * Emits the fields of the security blob at {@code rel, len} of {@code t}'s layer: GSS-API
   * framing, SPNEGO negotiation, and the Kerberos message of a Kerberos token.
   */
  public static void blob(Tree t, int rel, int len) {
    int from = t.start() + rel;
    new Walker(t, null, -1).blob(from, Math.min(from + len, t.start() + t.length()));
  }

  /**
   * Records on layer {@code layer} of {@code d} the notes of the blob at absolute
   * {@code from..to} (those of the Kerberos message inside): the first-pass half of {@link #blob}.
   */
  public static void notes(Dissection d, int layer, int from, int to) {
    Tree t = new Tree().reset(d, layer, null);
    new Walker(t, d, layer).blob(from, Math.min(to, t.start() + t.length()));
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    notes(d, layer, d.start(layer), d.end(layer));
    return null;
  }

  @Override
  public void fields(Tree t) {
    blob(t, 0, t.length());
  }

  /**
   * A zero-length layer is a carrier's marker (LDAP hands a bare SPNEGO token to tshark's SPNEGO
   * dissector, which lists {@code spnego} in frame.protocols, but the token's tree stays inside
   * the carrier's): listed, with no tree and no columns of its own.
   */
  @Override
  public boolean hiddenInTree(Dissection d, int layer) {
    return d.start(layer) == d.end(layer);
  }

  @Override
  public void columns(Tree t, io.netsift.core.dissect.Columns c) {
    if (t.length() > 0) {
      super.columns(t, c);
    }
  }

  private static final class Walker {
    final Tree t;
    final byte[] b;
    final Dissection d;
    final int layer;

    Walker(Tree t, Dissection d, int layer) {
      this.t = t;
      this.b = t.data();
      this.d = d;
      this.layer = layer;
    }

    int rel(int abs) {
      return abs - t.start();
    }

    BerReader at(int from, int to) {
      BerReader r = new BerReader();
      return r.read(b, from, to) ? r : null;
    }

    void blob(int from, int to) {
      BerReader el = at(from, to);
      if (el == null) {
        return;
      }
      if (el.is(BerReader.APPLICATION, true, 0)) {
        BerReader oid = at(el.contentStart, el.end);
        if (oid == null || !oid.is(BerReader.UNIVERSAL, false, 6)) {
          return;
        }
        String mech = BerReader.oid(b, oid.contentStart, oid.length());
        t.object(GSS_OID, rel(oid.contentStart), oid.length(), mech);
        if (OID_SPNEGO.equals(mech)) {
          BerReader token = at(oid.end, el.end);
          if (token != null) {
            negotiation(token);
          }
        } else if (mech != null && KERBEROS.contains(mech)) { // a broken OID decodes to null
          kerberosToken(from, el.end);
        }
      } else if (el.tagClass == BerReader.CONTEXT) {
        negotiation(el);
      }
    }

    void negotiation(BerReader choice) {
      BerReader seq = at(choice.contentStart, choice.end);
      if (choice.tagClass != BerReader.CONTEXT || choice.tag > 1 || seq == null
          || !seq.is(BerReader.UNIVERSAL, true, 16)) {
        return;
      }
      boolean init = choice.tag == 0;
      t.object(init ? NEG_TOKEN_INIT : NEG_TOKEN_TARG, rel(choice.start), choice.end - choice.start, null);
      t.enter();
      String mech = null;
      BerReader m = new BerReader();
      for (int p = seq.contentStart; p < seq.end && m.read(b, p, seq.end); p = m.end) {
        BerReader v = m.tagClass == BerReader.CONTEXT ? at(m.contentStart, m.end) : null;
        if (v == null) {
          continue;
        }
        if (init) {
          switch (m.tag) {
            case 0 -> mech = mechTypes(v);
            case 1 -> reqFlags(v);
            case 2 -> token(MECH_TOKEN, v, mech);
            case 3 -> {
              if (v.is(BerReader.UNIVERSAL, true, 16)) {
                negHints(v);
              } else {
                octets(MECH_LIST_MIC, v);
              }
            }
            case 4 -> octets(MECH_LIST_MIC, v);
            default -> { }
          }
        } else {
          switch (m.tag) {
            case 0 -> t.number(NEG_RESULT, rel(v.contentStart), v.length(),
                BerReader.unsigned(b, v.contentStart, v.length()));
            case 1 -> {
              mech = BerReader.oid(b, v.contentStart, v.length());
              t.object(SUPPORTED_MECH, rel(v.contentStart), v.length(), mech);
            }
            case 2 -> token(RESPONSE_TOKEN, v, mech);
            case 3 -> octets(MECH_LIST_MIC, v);
            default -> { }
          }
        }
      }
      t.exit();
    }

    /** The mechTypes list; returns the first (the mechanism of the optimistic token). */
    String mechTypes(BerReader list) {
      String first = null;
      int n = 0;
      BerReader o = new BerReader();
      for (int p = list.contentStart; p < list.end && o.read(b, p, list.end); p = o.end) {
        n++;
      }
      t.number(MECH_TYPES, rel(list.start), list.end - list.start, n);
      t.enter();
      for (int p = list.contentStart; p < list.end && o.read(b, p, list.end); p = o.end) {
        String oid = BerReader.oid(b, o.contentStart, o.length());
        if (first == null) {
          first = oid;
        }
        t.object(MECH_TYPE, rel(o.contentStart), o.length(), oid);
      }
      t.exit();
      return first;
    }

    void reqFlags(BerReader bits) {
      if (bits.length() > 1) {
        t.bytes(REQ_FLAGS, rel(bits.contentStart + 1), bits.length() - 1);
      }
    }

    void negHints(BerReader seq) {
      t.object(NEG_HINTS, rel(seq.start), seq.end - seq.start, null);
      t.enter();
      BerReader m = new BerReader();
      for (int p = seq.contentStart; p < seq.end && m.read(b, p, seq.end); p = m.end) {
        BerReader v = at(m.contentStart, m.end);
        if (v != null && m.tag == 0) {
          t.object(HINT_NAME, rel(v.contentStart), v.length(), Strings.printable(b, v.contentStart, v.length()));
        } else if (v != null && m.tag == 1) {
          octets(HINT_ADDRESS, v);
        }
      }
      t.exit();
    }

    void octets(Field f, BerReader v) {
      t.bytes(f, rel(v.contentStart), v.length());
    }

    /** A mechToken or responseToken: its bytes, and a Kerberos token's contents under them. */
    void token(Field f, BerReader v, String mech) {
      octets(f, v);
      if (mech != null && KERBEROS.contains(mech) && v.length() > 0) {
        kerberosToken(v.contentStart, v.end);
      }
    }

    /** spnego.krb5.blob: the Kerberos GSS token (OID, token id, message), or a bare message. */
    void kerberosToken(int from, int to) {
      BerReader el = at(from, to);
      if (el == null) {
        return;
      }
      t.bytes(KRB5_BLOB, rel(from), to - from);
      t.enter();
      if (el.is(BerReader.APPLICATION, true, 0)) {
        BerReader oid = at(el.contentStart, el.end);
        if (oid != null && oid.is(BerReader.UNIVERSAL, false, 6) && oid.end + 2 <= el.end) {
          t.object(KRB5_OID, rel(oid.contentStart), oid.length(), BerReader.oid(b, oid.contentStart, oid.length()));
          int tokId = (b[oid.end] & 0xff) | (b[oid.end + 1] & 0xff) << 8;
          t.number(KRB5_TOK_ID, rel(oid.end), 2, tokId);
          if (tokId >= 1 && tokId <= 3) {
            kerberos(oid.end + 2, el.end);
          }
        }
      } else if (el.tagClass == BerReader.APPLICATION) {
        kerberos(from, to);
      }
      t.exit();
    }

    void kerberos(int from, int to) {
      if (d != null) {
        // tshark's SPNEGO hands the token to its spnego-krb5 dissector, whose name the notes carry.
        KerberosDissector.notes(d, layer, from, to, "SPNEGO-KRB5");
      } else {
        KerberosDissector.message(t, rel(from), to - from);
      }
    }
  }
}
