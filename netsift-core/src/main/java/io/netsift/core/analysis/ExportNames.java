package io.netsift.core.analysis;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Safe file names for exported objects, the way tshark's {@code --export-objects} makes them,
 * and the writing that never overwrites. A name is the last path segment of the suggested name
 * (an HTTP URI's, query included); bytes a file system or shell could misread ({@code <>:"/\|?*},
 * control bytes, and, unlike tshark, bytes from 0x7f up) become {@code %xx}; a name too long for
 * the directory keeps its extension; a name already taken (by an earlier object or a file that
 * was there) gets {@code (1)}, {@code (2)} ... before its extension. So no name can leave the
 * directory ({@code /} is escaped, {@code .} and {@code ..} exist and are renamed) and no file is
 * overwritten (files are created with CREATE_NEW).
 */
public final class ExportNames {
  /** The longest file name tshark makes (most file systems allow 255 bytes). */
  static final int MAX_NAME = 255;
  /** Shortest room left for a name however long the directory path (tshark gives up instead). */
  private static final int MIN_ROOM = 64;
  private static final String REJECT = "<>:\"/\\|?*";

  private ExportNames() {}

  /**
   * The name before collisions: the suggested name's last segment, escaped and cut to
   * {@code maxLength}; {@code object<frame>.<content type>} when nothing is suggested.
   */
  public static String baseName(byte[] suggested, long frame, String contentType, int maxLength) {
    if (suggested == null) {
      // tshark's generic name: the packet number, and the content type as "extension".
      String generic = "object" + frame + (contentType == null || contentType.isEmpty() ? "" : "." + contentType);
      return escape(generic, maxLength);
    }
    int n = 0;
    while (n < suggested.length && suggested[n] != 0) {
      n++; // a C string ends at its first NUL
    }
    // The last segment, as g_path_get_basename: trailing slashes ignored, "/" alone stays "/".
    int end = n;
    while (end > 0 && suggested[end - 1] == '/') {
      end--;
    }
    String segment;
    if (n == 0) {
      segment = ".";
    } else if (end == 0) {
      segment = "/";
    } else {
      int start = end;
      while (start > 0 && suggested[start - 1] != '/') {
        start--;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = start; i < end; i++) {
        sb.append((char) (suggested[i] & 0xff));
      }
      segment = sb.toString();
    }
    return escape(segment, maxLength);
  }

  private static String escape(String segment, int maxLength) {
    StringBuilder out = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < 0x20 || c >= 0x7f || REJECT.indexOf(c) >= 0) {
        out.append('%').append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
      } else {
        out.append(c);
      }
    }
    return cut(out.toString(), maxLength);
  }

  /** Cuts a name to {@code max} characters, keeping the extension (from the last dot) when it fits. */
  private static String cut(String name, int max) {
    if (name.length() <= max) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    if (dot >= 0 && name.length() - dot < max) {
      String ext = name.substring(dot);
      return name.substring(0, max - ext.length()) + ext;
    }
    return name.substring(0, max);
  }

  /** {@code name} with the collision counter {@code n}: {@code page(2).html}, {@code items(1)}. */
  public static String numbered(String name, int n) {
    if (n == 0) {
      return name;
    }
    String mark = "(" + n + ")";
    int dot = name.lastIndexOf('.');
    String ext = dot >= 0 ? name.substring(dot) : "";
    String base = dot >= 0 ? name.substring(0, dot) : name;
    int room = MAX_NAME - mark.length() - ext.length();
    if (room < 0) {
      // An extension as long as a name: drop it rather than make a name too long.
      ext = "";
      base = name;
      room = MAX_NAME - mark.length();
    }
    if (base.length() >= room) {
      base = base.substring(0, Math.max(0, room));
    }
    return base + mark + ext;
  }

  /** Room for a name in {@code dir} as tshark reckons it (255 minus the path as given). */
  public static int room(Path dir) {
    return Math.max(MIN_ROOM, MAX_NAME - dir.toString().length());
  }

  /**
   * Writes {@code object} into {@code dir} under the first free name and returns that name. The
   * directory is created when missing.
   */
  public static String write(Path dir, ExportedObject object) throws IOException {
    return write(dir, object, room(dir));
  }

  /** Like {@link #write(Path, ExportedObject)} with names cut to {@code room} characters. */
  public static String write(Path dir, ExportedObject object, int room) throws IOException {
    Files.createDirectories(dir);
    String base = baseName(object.suggestedName(), object.frame(), object.contentType(), room);
    for (int n = 0; ; n++) {
      String name = numbered(base, n);
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        continue;
      }
      Path target = dir.resolve(name);
      if (!target.getParent().equals(dir) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Files.write(target, object.raw(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return name;
      } catch (FileAlreadyExistsException e) {
        // taken meanwhile: next number
      }
    }
  }
}
