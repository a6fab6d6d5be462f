package dev.sessionkit.store.cookie;

import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.JettyServer;

class JettyCookieStoreTest extends CookieStoreFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return JettyServer.builder();
    }
}
