package io.spool.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.spool.broker.api.HandlerRegistry;
import io.spool.broker.config.BrokerConfig;
import io.spool.broker.config.Endpoint;
import io.spool.wire.netty.FrameDecoder;
import io.spool.wire.netty.RequestDecoder;
import io.spool.wire.netty.ResponseEncoder;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Binds one server channel per configured listener and runs client connections on a shared group of
 * event loops. {@link #close()} stops accepting, closes every connection and the event loops.
 */
public final class SocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketServer.class.getName());

    private final BrokerConfig config;
    private final HandlerRegistry registry;
    private final Transport transport = Transport.best();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("spool-connections", GlobalEventExecutor.INSTANCE);
    private final List<Channel> serverChannels = new ArrayList<>();

    public SocketServer(BrokerConfig config, HandlerRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.acceptors = transport.newGroup(1, "spool-acceptor");
        this.workers = transport.newGroup(Runtime.getRuntime().availableProcessors(), "spool-network");
    }

    /** The event loops connections run on; delayed work that completes requests may be scheduled here. */
    public EventLoopGroup workers() {
        return workers;
    }

    /**
     * Binds every listener without accepting connections yet (so ports are known before the
     * handlers that advertise them exist); returns the listeners with the ports actually bound,
     * in configuration order.
     */
    public List<Endpoint> bind() throws InterruptedException {
        List<Endpoint> bound = new ArrayList<>();
        for (Endpoint listener : config.listeners()) {
            Channel channel = bootstrap(listener.listenerName())
                    .bind(listener.host().isEmpty() ? new InetSocketAddress(listener.port()) : new InetSocketAddress(listener.host(), listener.port()))
                    .sync().channel();
            channels.add(channel);
            serverChannels.add(channel);
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            bound.add(listener.withPort(port));
            LOG.log(System.Logger.Level.INFO, "Listening on " + listener.withPort(port) + " (" + transport.name().toLowerCase() + ")");
        }
        return bound;
    }

    /** Starts accepting connections on every bound listener. */
    public void startAccepting() {
        for (Channel channel : serverChannels) {
            channel.config().setAutoRead(true);
        }
    }

    private ServerBootstrap bootstrap(String listenerName) {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true);
        if (config.socketSendBufferBytes() > 0) {
            b.childOption(ChannelOption.SO_SNDBUF, config.socketSendBufferBytes());
        }
        if (config.socketReceiveBufferBytes() > 0) {
            b.childOption(ChannelOption.SO_RCVBUF, config.socketReceiveBufferBytes());
        }
        long idleMs = config.connectionsMaxIdleMs();
        int maxFrame = config.socketRequestMaxBytes();
        return b.childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                if (idleMs > 0) {
                    ch.pipeline().addLast(new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS));
                }
                ch.pipeline().addLast(new FrameDecoder(maxFrame), ResponseEncoder.INSTANCE,
                        new RequestDecoder(registry), new ConnectionHandler(registry, listenerName));
            }
        });
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
