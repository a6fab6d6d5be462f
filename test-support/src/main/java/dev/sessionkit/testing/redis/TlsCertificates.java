package dev.sessionkit.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test CA and a certificate it signed for 127.0.0.1, made with openssl in a temporary directory, and the
 * CA in a PKCS12 trust store made with keytool: what an operator sets up for Redis over TLS. The JVM's
 * default trust store is pointed at it by {@link #trustedByJvm()}, as {@code javax.net.ssl.trustStore} does
 * in production. A missing openssl or keytool is an {@link IllegalStateException}, never a skip.
 */
public final class TlsCertificates implements AutoCloseable {

    private static final String[] TRUST_PROPERTIES = {
            "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};

    private final Path directory;

    private TlsCertificates(Path directory) {
        this.directory = directory;
    }

    /** Makes the CA, the server certificate (subject alternative name IP:127.0.0.1) and the trust store. */
    public static TlsCertificates create() {
        try {
            TlsCertificates certificates = new TlsCertificates(Files.createTempDirectory("redis-tls-"));
            certificates.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                    "-out", "ca.crt", "-days", "2", "-subj", "/CN=sessionkit test CA");
            certificates.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
                    "-out", "server.csr", "-subj", "/CN=127.0.0.1");
            Files.writeString(certificates.directory.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
            certificates.run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
            certificates.run("keytool", "-importcert", "-noprompt", "-alias", "sessionkit-test-ca", "-file", "ca.crt",
                    "-keystore", "trust.p12", "-storetype", "PKCS12", "-storepass", "changeit");
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the test certificates", e);
        }
    }

    /** @return the directory holding ca.crt, server.crt, server.key, san.ext and trust.p12 */
    public Path directory() {
        return directory;
    }

    /**
     * @param tlsPort the port redis-server serves TLS on
     * @return redis-server arguments for TLS with the server certificate; clients need no certificate
     */
    public List<String> serverArgs(int tlsPort) {
        return List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", directory.resolve("server.crt").toString(),
                "--tls-key-file", directory.resolve("server.key").toString(),
                "--tls-ca-cert-file", directory.resolve("ca.crt").toString(),
                "--tls-auth-clients", "no");
    }

    /**
     * Points the JVM's default trust store at the test CA until the returned handle is closed, which
     * restores the properties as they were.
     */
    public AutoCloseable trustedByJvm() {
        String[] values = {directory.resolve("trust.p12").toString(), "changeit", "PKCS12"};
        String[] saved = new String[TRUST_PROPERTIES.length];
        for (int i = 0; i < TRUST_PROPERTIES.length; i++) {
            saved[i] = System.getProperty(TRUST_PROPERTIES[i]);
            System.setProperty(TRUST_PROPERTIES[i], values[i]);
        }
        return () -> {
            for (int i = 0; i < TRUST_PROPERTIES.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(TRUST_PROPERTIES[i]);
                } else {
                    System.setProperty(TRUST_PROPERTIES[i], saved[i]);
                }
            }
        };
    }

    /** Runs openssl or keytool in the certificates' directory, for a test that needs more certificates. */
    public void run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command[0] + " (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command[0] + " was interrupted", e);
        }
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
