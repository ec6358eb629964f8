package io.rustyredis.transport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives end-to-end tests one shared in-process server: any test or constructor parameter of type
 * {@link TestServer} receives it. It starts on first use and is closed when the whole test run
 * ends (JUnit closes what the root store holds), so every test class after the first connects
 * straight away. Tests sharing it keep to their own keys.
 */
final class ServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerExtension.class);

  @Override
  public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == TestServer.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestServer.class, type -> TestServer.start(), TestServer.class);
  }
}
