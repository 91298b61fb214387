package io.netsift.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The capture files on disk: {@code DATA/captures/SHA256.cap}, named only by their content hash,
 * so nothing a client sends (names, ids) ever becomes part of a path. Uploads are streamed into
 * {@code DATA/tmp/} while hashed and counted, then moved into place.
 */
public final class CaptureStore {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** An upload written to a temporary file: its hash and size. */
  public record Received(Path temp, String sha256, long size) {
  }

  /** Thrown when an upload passes the size limit (the partial file is deleted). */
  public static final class TooLargeException extends IOException {
    public TooLargeException(long limit) {
      super("upload exceeds the limit of " + limit + " bytes");
    }
  }

  private final Path captures;
  private final Path tmp;
  private final long maxUpload;

  public CaptureStore(Path dataDir, long maxUpload) throws IOException {
    this.captures = Files.createDirectories(dataDir.resolve("captures")).toRealPath();
    this.tmp = Files.createDirectories(dataDir.resolve("tmp")).toRealPath();
    this.maxUpload = maxUpload;
  }

  public long maxUpload() {
    return maxUpload;
  }

  public Path tmpDir() {
    return tmp;
  }

  /** Copies {@code in} to a new temporary file, hashing as it goes; never holds it in memory. */
  public Received receive(InputStream in) throws IOException {
    Path t = tmp.resolve("upload-" + UUID.randomUUID() + ".part");
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(t)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxUpload) {
          throw new TooLargeException(maxUpload);
        }
        md.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(t);
      throw e;
    }
    return new Received(t, HexFormat.of().formatHex(md.digest()), total);
  }

  /** Moves a received file to its content-addressed place (replacing an identical file). */
  public Path keep(Received r) throws IOException {
    Path target = path(r.sha256());
    Files.move(r.temp(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** The file of a capture; {@code sha256} must be 64 lower-case hex digits (it comes from our DB). */
  public Path path(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a sha256: " + sha256);
    }
    return captures.resolve(sha256 + ".cap");
  }

  public void delete(String sha256) throws IOException {
    Files.deleteIfExists(path(sha256));
  }

  /** Removes uploads left half-written by a previous run. */
  public void cleanTemp() throws IOException {
    try (var s = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
