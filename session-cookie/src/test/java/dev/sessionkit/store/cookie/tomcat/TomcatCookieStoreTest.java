package dev.sessionkit.store.cookie.tomcat;

import dev.sessionkit.store.cookie.CookieStoreFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;

class TomcatCookieStoreTest extends CookieStoreFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
