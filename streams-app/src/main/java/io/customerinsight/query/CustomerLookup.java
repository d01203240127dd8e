package io.customerinsight.query;

import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.customer.CustomerStage;
import io.customerinsight.customer.LocalProfileReader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Optional;

/**
 * Finds a customer's live profile across the instances of the application: this instance answers when it
 * owns the customer's partition, otherwise it names the owner (from the {@code application.server} metadata
 * every instance publishes) so that the caller can forward the request.
 */
public final class CustomerLookup {
    private final KafkaStreams streams;
    private final LocalProfileReader reader;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null for a single instance without one */
    public CustomerLookup(KafkaStreams streams, LocalProfileReader reader, HostInfo self) {
        this.streams = streams;
        this.reader = reader;
        this.self = self;
    }

    public sealed interface Result {
        record Found(CustomerProfile profile) implements Result { }

        record NotFound() implements Result { }

        record OwnedBy(HostInfo host) implements Result { }

        /** The owner is not known or its store is not queryable now (rebalancing, restoring). */
        record Unavailable(String reason) implements Result { }
    }

    public Result lookup(String customerId) {
        if (streams.state() != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.REBALANCING) {
            return new Result.Unavailable("the pipeline is " + streams.state());
        }
        if (self != null) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(CustomerStage.STORE, customerId,
                    Serdes.String().serializer());
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                return new Result.Unavailable("the owner of this customer is not known yet (rebalancing)");
            }
            if (!self.equals(owner.activeHost())) {
                return new Result.OwnedBy(owner.activeHost());
            }
        }
        try {
            Optional<CustomerProfile> profile = reader.read(customerId);
            return profile.<Result>map(Result.Found::new).orElseGet(Result.NotFound::new);
        } catch (InvalidStateStoreException e) {
            return new Result.Unavailable("the customer store is not queryable now (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /**
     * This instance's standby copy of a customer owned elsewhere, for when the owner does not answer (it
     * stopped and its tasks have not moved yet). Empty when there is no local copy or it is not queryable.
     */
    public Optional<CustomerProfile> standbyCopy(String customerId) {
        try {
            return reader.read(customerId, true);
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    public HostInfo self() {
        return self;
    }
}
