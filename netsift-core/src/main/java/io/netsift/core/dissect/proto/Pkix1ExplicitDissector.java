package io.netsift.core.dissect.proto;

/**
 * PKIX1Explicit (pkix1explicit): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class Pkix1ExplicitDissector extends X509ValueDissector {
  public Pkix1ExplicitDissector() {
    super("pkix1explicit", "PKIX1Explicit", "PKIX1EXPLICIT", "pkix1explicit.");
  }
}
