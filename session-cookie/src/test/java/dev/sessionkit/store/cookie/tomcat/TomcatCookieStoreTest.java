package dev.sessionkit.store.cookie.tomcat;

import dev.sessionkit.store.cookie.CookieStoreFilterContract;
import dev.sessionkit.testing.ContainerBuilder;
import dev.sessionkit.testing.TomcatServer;
import org.junit.jupiter.api.Tag;

@Tag("tomcat")
class TomcatCookieStoreTest extends CookieStoreFilterContract {

    @Override
    protected ContainerBuilder<?, ?> container() {
        return TomcatServer.builder();
    }
}
