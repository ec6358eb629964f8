package io.rustyredis.engine.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The server's configuration parameters, with Redis's names, defaults and value rules. Read by
 * CONFIG GET, changed by CONFIG SET and by the config file and command line at startup; the
 * engine owns it after startup, so it is not thread-safe.
 */
public final class Config {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  /** Where CONFIG REWRITE writes; null when the server started without a config file. */
  private ConfigFile file;
  private final Map<String, Consumer<String>> listeners = new LinkedHashMap<>();
  /** Old names Redis still accepts for a parameter (lua-time-limit for busy-reply-threshold). */
  private final Map<String, Parameter> aliases = new LinkedHashMap<>();

  public Config() {
    Parameters.declareAll(this);
  }

  /** The file CONFIG REWRITE rewrites, set by whoever read it at startup. */
  public void file(final ConfigFile file) {
    this.file = file;
  }

  public ConfigFile file() {
    return file;
  }

  void declare(final Parameter parameter) {
    parameters.put(parameter.name, parameter);
  }

  void alias(final String alias, final String name) {
    aliases.put(alias, parameters.get(name));
  }

  /** The parameter of that name or alias (any case), or null. */
  public Parameter parameter(final String name) {
    final String key = name.toLowerCase(Locale.ROOT);
    final Parameter parameter = parameters.get(key);
    return parameter != null ? parameter : aliases.get(key);
  }

  /**
   * Calls {@code listener} with the new value each time {@code name} is set successfully (CONFIG
   * SET, on the engine thread), for settings a running component must act on, such as appendonly.
   */
  public void onSet(final String name, final Consumer<String> listener) {
    listeners.put(require(name).name, listener);
  }

  private void changed(final Parameter parameter) {
    final Consumer<String> listener = listeners.get(parameter.name);
    if (listener != null) {
      listener.accept(parameter.value());
    }
  }

  /** Every alias with the parameter it names, in declaration order. */
  public Map<String, Parameter> aliases() {
    return Collections.unmodifiableMap(aliases);
  }

  /** Every parameter, in declaration order. */
  public List<Parameter> all() {
    return new ArrayList<>(parameters.values());
  }

  public String get(final String name) {
    return require(name).value();
  }

  public long getLong(final String name) {
    return require(name).longValue();
  }

  public int getInt(final String name) {
    return (int) getLong(name);
  }

  public boolean getBoolean(final String name) {
    return "yes".equals(require(name).value());
  }

  /**
   * Sets a parameter from text as CONFIG SET and the config file give it. Returns null when done,
   * or the reason it was refused (Redis's wording, without the "ERR" prefix).
   */
  public String set(final String name, final String value) {
    final Parameter parameter = parameter(name);
    if (parameter == null) {
      return "Unknown option or number of arguments for CONFIG SET - '" + name + "'";
    }
    final String refused = parameter.set(value);
    if (refused == null) {
      changed(parameter);
    }
    return refused;
  }

  /**
   * CONFIG SET of several parameters, all or none, as Redis 7.0 does it: every name is checked
   * (known, mutable, not given twice) before any value is set, and if a value is refused the ones
   * already set are put back. Returns null when done, or Redis's error text without "ERR".
   */
  public String setAll(final String[] names, final String[] values) {
    final Parameter[] targets = new Parameter[names.length];
    String unknown = null;
    String failed = null;
    String reason = null;
    for (int i = 0; i < names.length; i++) {
      final Parameter parameter = parameter(names[i]);
      if (parameter == null) {
        if (failed == null && unknown == null) {
          unknown = names[i];
        }
        continue;
      }
      if (failed != null || unknown != null) {
        continue;
      }
      if (!parameter.mutable) {
        failed = names[i];
        reason = "can't set immutable config";
        continue;
      }
      for (int j = 0; j < i; j++) {
        if (targets[j] == parameter) {
          failed = names[i];
          reason = "duplicate parameter";
          break;
        }
      }
      targets[i] = parameter;
    }
    if (unknown != null) {
      return "Unknown option or number of arguments for CONFIG SET - '" + unknown + "'";
    }
    if (failed == null) {
      final String[] previous = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        previous[i] = targets[i].value();
        reason = targets[i].set(values[i]);
        if (reason != null) {
          failed = names[i];
          for (int j = i - 1; j >= 0; j--) {
            targets[j].set(previous[j]);
          }
          break;
        }
      }
    }
    if (failed == null) {
      for (final Parameter target : targets) {
        changed(target);
      }
    }
    return failed == null ? null : "CONFIG SET failed (possibly related to argument '" + failed + "') - " + reason;
  }

  private Parameter require(final String name) {
    final Parameter parameter = parameters.get(name);
    if (parameter == null) {
      throw new IllegalArgumentException("undeclared parameter " + name);
    }
    return parameter;
  }
}
