package io.spool.broker.api.producer;

import io.spool.broker.api.ApiHandler;
import io.spool.broker.api.Errors;
import io.spool.broker.api.RequestContext;
import io.spool.broker.api.VersionRange;
import io.spool.broker.producer.ProducerIdManager;
import io.spool.wire.message.ApiKey;
import io.spool.wire.message.InitProducerIdRequest;
import io.spool.wire.message.InitProducerIdResponse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * InitProducerId v0-5 (v6 is unstable in the spec and not advertised). Idempotent producers get a
 * new producer id with epoch 0 on every call, also when they pass their old id and epoch (v3+,
 * KIP-360), as Kafka does without a transactional id; ids come from durable blocks, so they are
 * never reused across restarts. Transactional ids are not supported yet: such requests are
 * answered UNSUPPORTED_VERSION (clients fail initTransactions with that error; the broker does
 * not advertise FindCoordinator either).
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {
    private static final System.Logger LOG = System.getLogger(InitProducerIdHandler.class.getName());

    private final ProducerIdManager producerIds;
    private final Executor blocking;

    public InitProducerIdHandler(ProducerIdManager producerIds, Executor blocking) {
        this.producerIds = producerIds;
        this.blocking = blocking;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    @Override
    public VersionRange versions() {
        return VersionRange.of(0, 5);
    }

    @Override
    public CompletableFuture<InitProducerIdResponse> handle(RequestContext context, InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            return CompletableFuture.completedFuture(failure(Errors.UNSUPPORTED_VERSION));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InitProducerIdResponse().setProducerId(producerIds.nextProducerId()).setProducerEpoch((short) 0);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "Cannot reserve producer ids", e);
                return failure(Errors.UNKNOWN_SERVER_ERROR);
            }
        }, blocking);
    }

    private static InitProducerIdResponse failure(Errors error) {
        return new InitProducerIdResponse().setErrorCode(error.code()).setProducerId(-1).setProducerEpoch((short) -1);
    }
}
