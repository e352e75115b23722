import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Connects as a JSSE client (default policy, HTTPS endpoint identification) and prints its verdict on one line. */
public class TlsVerdict {
  public static void main(String[] args) throws Exception {
    String ip = args[0];
    int port = Integer.parseInt(args[1]);
    String fqdn = args[2];
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    for (int i = 3; i < args.length; i++) {
      try (FileInputStream in = new FileInputStream(args[i])) {
        trust.setCertificateEntry("anchor" + i, (X509Certificate) cf.generateCertificate(in));
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(ip, port), 10000);
      raw.setSoTimeout(10000);
      SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, fqdn, port, true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      p.setServerNames(List.of(new SNIHostName(fqdn)));
      s.setSSLParameters(p);
      s.startHandshake();
      System.out.println("OK " + s.getSession().getProtocol());
    } catch (Exception e) {
      StringBuilder sb = new StringBuilder("FAIL");
      for (Throwable t = e; t != null; t = t.getCause()) sb.append(" | ").append(t.getClass().getName()).append(": ").append(t.getMessage());
      System.out.println(sb.toString().replace('\n', ' '));
    }
  }
}
