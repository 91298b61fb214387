package io.netsift.core.dissect.proto;

/**
 * X.509 Certificate Extensions (x509ce): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class X509CeDissector extends X509ValueDissector {
  public X509CeDissector() {
    super("x509ce", "X.509 Certificate Extensions", "X509CE", "x509ce.", "x509if.");
  }
}
