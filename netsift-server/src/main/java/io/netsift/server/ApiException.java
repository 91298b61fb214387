package io.netsift.server;

import java.util.Map;

/**
 * An error answered in Javalin's JSON shape {@code {title, status, type, details}}, with details
 * that may hold numbers (a filter error's column and length).
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final Map<String, Object> details;

  public ApiException(int status, String title, Map<String, Object> details) {
    super(title);
    this.status = status;
    this.details = details == null ? Map.of() : details;
  }

  public ApiException(int status, String title) {
    this(status, title, Map.of());
  }

  public int status() {
    return status;
  }

  public Map<String, Object> details() {
    return details;
  }

  static ApiException notFound(String what) {
    return new ApiException(404, what + " not found");
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message, Map.of("message", message));
  }
}
