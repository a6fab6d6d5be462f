package dev.sessionkit.sample;

import java.util.Map;

/** The flow against SampleApp's own embedded Jetty, configured from command-line flags. */
class SampleAppTest extends SampleFlowContract {

    static final Map<String, String> ENV = Map.of(SampleOptions.SECRET_ENV, "sample-app-test-secret-0123456789abcdef");

    @Override
    protected RunningSample start() {
        SampleApp app = SampleApp.start(SampleOptions.parse(new String[] {"--port=0"}, ENV::get));
        return new RunningSample(app::uri, "", app::close);
    }
}
