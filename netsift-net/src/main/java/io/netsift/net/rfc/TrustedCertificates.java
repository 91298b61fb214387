package io.netsift.net.rfc;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS contexts that trust the JDK's default CAs plus, optionally, certificates from a PEM file
 * ({@code --cacert}, for private mirrors and tests). Both sets are full PKIX trust managers, so
 * hostname checks stay on; a server passes if either set accepts it.
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /** The default context, or one that also trusts the certificates in {@code pem} (null for none). */
  public static SSLContext context(Path pem) throws IOException {
    try {
      X509ExtendedTrustManager system = trustManager(null);
      SSLContext ctx = SSLContext.getInstance("TLS");
      if (pem == null) {
        ctx.init(null, new TrustManager[] {system}, null);
        return ctx;
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(pem)) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new IOException(pem + " holds no PEM certificate");
      }
      int i = 0;
      for (Certificate c : certs) {
        ks.setCertificateEntry("extra-" + i++, c);
      }
      ctx.init(null, new TrustManager[] {new Either(trustManager(ks), system)}, null);
      return ctx;
    } catch (CertificateException e) {
      throw new IOException("cannot read certificates from " + pem + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS setup failed: " + e.getMessage(), e);
    }
  }

  private static X509ExtendedTrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager t : f.getTrustManagers()) {
      if (t instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  /** Accepts a server chain if the first or the second manager does. */
  private static final class Either extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager a;
    private final X509ExtendedTrustManager b;

    Either(X509ExtendedTrustManager a, X509ExtendedTrustManager b) {
      this.a = a;
      this.b = b;
    }

    private interface Check {
      void run(X509ExtendedTrustManager m) throws CertificateException;
    }

    private void either(Check c) throws CertificateException {
      try {
        c.run(a);
      } catch (CertificateException first) {
        try {
          c.run(b);
        } catch (CertificateException second) {
          second.addSuppressed(first);
          throw second;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType, s));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType, e));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      either(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) throws CertificateException {
      either(m -> m.checkClientTrusted(chain, authType, s));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) throws CertificateException {
      either(m -> m.checkClientTrusted(chain, authType, e));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      either(m -> m.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] x = a.getAcceptedIssuers();
      X509Certificate[] y = b.getAcceptedIssuers();
      X509Certificate[] all = java.util.Arrays.copyOf(x, x.length + y.length);
      System.arraycopy(y, 0, all, x.length, y.length);
      return all;
    }
  }
}
