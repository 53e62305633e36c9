package io.spool.broker.network;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.spool.broker.api.CloseConnection;
import io.spool.broker.api.HandlerRegistry;
import io.spool.broker.api.RequestContext;
import io.spool.wire.netty.KafkaRequest;
import io.spool.wire.netty.KafkaResponse;
import io.spool.wire.protocol.ApiMessage;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One per connection: dispatches each request and sends the responses in request order, whatever
 * order the handlers finish in (Kafka clients match responses by position). Responses written
 * while a read burst is being processed are flushed once at its end. Each request frame is
 * released when its response has been written. Too many requests in flight, or a socket that
 * cannot take more output, pauses reading.
 *
 * <p>On {@link #DRAIN} (broker shutdown) no further request is handled; once the requests already
 * taken are answered and flushed, the output side is shut (FIN, not a reset that could discard
 * answers the client has not read yet) and the client is left to close. So every request the
 * broker acted on, such as an append, is answered, and the client retries only what was not done.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    /** User event that starts draining the connection. */
    static final Object DRAIN = new Object();

    private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());
    private static final int MAX_IN_FLIGHT = 100;

    private final HandlerRegistry registry;
    private final String listenerName;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private boolean reading;
    private boolean flushPending;
    private boolean draining;

    ConnectionHandler(HandlerRegistry registry, String listenerName) {
        this.registry = registry;
        this.listenerName = listenerName;
    }

    /** A request waiting for its turn to be answered. */
    private static final class InFlight {
        final KafkaRequest request;
        boolean done;
        ApiMessage response;
        Throwable error;

        InFlight(KafkaRequest request) {
            this.request = request;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof KafkaRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (draining) {
            request.release();
            return;
        }
        reading = true;
        InFlight slot = new InFlight(request);
        inFlight.add(slot);
        CompletableFuture<? extends ApiMessage> future;
        try {
            future = registry.dispatch(new RequestContext(request, listenerName, ctx.channel().remoteAddress(), ctx.channel().eventLoop()));
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((response, error) -> {
            if (ctx.executor().inEventLoop()) {
                complete(ctx, slot, response, error);
            } else {
                ctx.executor().execute(() -> complete(ctx, slot, response, error));
            }
        });
        updateAutoRead(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DRAIN) {
            draining = true;
            finishDrainIfIdle(ctx);
        } else if (evt instanceof IdleStateEvent) {
            LOG.log(System.Logger.Level.DEBUG, "Closing idle connection from " + ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "Connection from " + ctx.channel().remoteAddress() + " failed: " + cause);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Closing connection from " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private void complete(ChannelHandlerContext ctx, InFlight slot, ApiMessage response, Throwable error) {
        slot.done = true;
        slot.response = response;
        slot.error = error;
        boolean wrote = false;
        while (!inFlight.isEmpty() && inFlight.peek().done) {
            InFlight next = inFlight.poll();
            try {
                if (next.error instanceof CloseConnection) {
                    LOG.log(System.Logger.Level.DEBUG, "Closing connection from " + ctx.channel().remoteAddress()
                            + ": " + next.error.getMessage());
                    ctx.close();
                } else if (next.error != null) {
                    if (ctx.channel().isActive()) {
                        LOG.log(System.Logger.Level.WARNING, "Closing connection from " + ctx.channel().remoteAddress()
                                + " after failing to handle " + next.request, next.error);
                        ctx.close();
                    }
                } else if (next.response != null && ctx.channel().isActive()) {
                    KafkaRequest r = next.request;
                    short version = r.responseVersion();
                    ctx.write(new KafkaResponse(r.correlationId(), r.apiKey().responseHeaderVersion(version), next.response, version),
                            ctx.voidPromise());
                    wrote = true;
                }
            } finally {
                next.request.release();
            }
        }
        if (wrote) {
            if (reading) {
                flushPending = true;
            } else {
                ctx.flush();
            }
        }
        updateAutoRead(ctx);
        finishDrainIfIdle(ctx);
    }

    /** Once draining and nothing is pending: flush, then shut the output; reads continue only to see the client close. */
    private void finishDrainIfIdle(ChannelHandlerContext ctx) {
        if (!draining || !inFlight.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        flushPending = false;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && f.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                f.channel().close();
            }
        });
        ctx.channel().config().setAutoRead(true);
    }

    private void updateAutoRead(ChannelHandlerContext ctx) {
        if (draining) {
            return;
        }
        boolean read = inFlight.size() < MAX_IN_FLIGHT && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }
}
