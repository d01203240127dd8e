package io.customerinsight.broker;

import org.apache.kafka.common.security.auth.AuthenticationContext;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder;

/**
 * Names a client by the listener it connected to, for a throw-away broker that checks ACLs without a
 * credential store: {@value #APP_LISTENER} clients are {@code User:insight}, every other listener's (the
 * administrator's, the controller's) {@code User:admin}. Kafka's default builder does the rest (the serde a
 * KRaft broker needs to forward requests to its controller).
 */
public final class ListenerPrincipalBuilder extends DefaultKafkaPrincipalBuilder {
    public static final String APP_LISTENER = "APP";
    public static final KafkaPrincipal APP = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "insight");
    public static final KafkaPrincipal ADMIN = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "admin");

    public ListenerPrincipalBuilder() {
        super(null, null);
    }

    @Override
    public KafkaPrincipal build(AuthenticationContext context) {
        return APP_LISTENER.equals(context.listenerName()) ? APP : ADMIN;
    }
}
