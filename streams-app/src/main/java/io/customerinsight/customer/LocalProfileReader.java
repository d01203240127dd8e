package io.customerinsight.customer;

import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.lifecycle.ModelGeneration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Optional;

/**
 * Reads a customer's live profile from this instance's customer store (interactive queries): the same
 * profile the pipeline publishes, as of the customer's last scoring.
 */
public final class LocalProfileReader {
    private final KafkaStreams streams;
    private final CustomerStage stage;
    /** the profile builder of the generation last queried with: built again only when models change */
    private volatile Publisher last;

    private record Publisher(ModelGeneration generation, ProfilePublisher profiles) {
    }

    LocalProfileReader(KafkaStreams streams, CustomerStage stage) {
        this.streams = streams;
        this.stage = stage;
    }

    /**
     * @return the profile, or empty when this instance's active tasks hold no scored state for the customer
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store is migrating
     */
    public Optional<CustomerProfile> read(String customerId) {
        return read(customerId, false);
    }

    /**
     * @param stale also read standby (and restoring) copies: possibly behind, but an answer while the owner is
     *              gone and its tasks have not moved yet
     */
    public Optional<CustomerProfile> read(String customerId, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, CustomerState>> query = StoreQueryParameters
                .fromNameAndType(CustomerStage.STORE, QueryableStoreTypes.keyValueStore());
        ReadOnlyKeyValueStore<String, CustomerState> store = streams.store(stale ? query.enableStaleStores() : query);
        CustomerState state = store.get(customerId);
        if (state == null || Double.isNaN(state.lastScore)) {
            return Optional.empty();
        }
        ModelGeneration models = stage.models().acquire();
        try {
            Publisher publisher = last;
            if (publisher == null || publisher.generation() != models) {
                publisher = new Publisher(models, stage.scoringWith(models).profiles());
                last = publisher;
            }
            return Optional.of(publisher.profiles().profileOf(customerId, state));
        } finally {
            models.release();
        }
    }
}
