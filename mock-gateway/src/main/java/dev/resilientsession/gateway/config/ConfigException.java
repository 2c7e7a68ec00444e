package dev.resilientsession.gateway.config;

/** A config file the gateway cannot start with; the message names the file, the key and the reason. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
