package dev.sessionkit.testing;

/** {@link JettyServer} fulfils the {@link ServletContainerContract} on Jetty 12 ee10. */
class JettyServerTest extends ServletContainerContract {

    @Override
    protected ContainerBuilder<?, ?> builder() {
        return JettyServer.builder();
    }
}
