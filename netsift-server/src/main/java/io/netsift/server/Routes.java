package io.netsift.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Registers API routes and remembers them, so a test can hold them against the OpenAPI document. */
final class Routes {
  private final RoutesConfig config;
  private final List<String> registered = new ArrayList<>();

  Routes(RoutesConfig config) {
    this.config = config;
  }

  void get(String path, Handler h) {
    registered.add("get " + path);
    config.get(path, h);
  }

  void post(String path, Handler h) {
    registered.add("post " + path);
    config.post(path, h);
  }

  void delete(String path, Handler h) {
    registered.add("delete " + path);
    config.delete(path, h);
  }

  /** "method path" of every route, in registration order. */
  List<String> registered() {
    return Collections.unmodifiableList(registered);
  }
}
