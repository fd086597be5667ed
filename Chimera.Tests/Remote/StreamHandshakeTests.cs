using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>The handshake and the subscription timeout, served by the data plane over in-memory pipes.</summary>
public sealed class StreamHandshakeTests
{
    private const string Prefix = "Edge 'a -> b' of run run-1: the sender at w1:data refused worker 'w2': ";

    private readonly ListLoggerFactory _log = new();

    [Fact]
    public async Task Handshake_WithTheRightSecret_IsAcceptedAndStreams()
    {
        await using var plane = Plane("s3cret");
        var source = new EdgeChannel(Edge());
        var handle = plane.Offer(RunId, Edge(), source);
        var (serving, client) = Serve(plane, loopback: false);

        await StreamHandshake.ConnectAsync(client, ClusterSecretAuthenticator.For("s3cret"), "w2", RunId, "a -> b", CancellationToken.None).WithTimeout();
        var target = new EdgeChannel(Edge());
        var received = new RemoteEdgeHandle(RunId, Edge(), RemoteEdgeRole.Receiver, target);
        var receiving = new StreamReceiver(client, received, "w2", _log.CreateLogger("r")).RunAsync(CancellationToken.None);
        await source.WriteAsync(Element(1), CancellationToken.None);
        source.Complete();

        Assert.Equal(1, (await DrainAsync(target).WithTimeout()).Single().Get<int>("i"));
        await receiving.WithTimeout();
        await client.DisposeAsync();
        await serving.WithTimeout();
        await handle.Completion;
        Assert.Contains(_log.Lines, l => l.EventId == 5000 && l.Message.Contains("10.0.0.9:5555", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("s3cret", "other", true, "w2", RunId, "a -> b", "wrong secret: the HMAC proof does not match; give every worker the same cluster secret.")]
    [InlineData(null, null, false, "w2", RunId, "a -> b", "wrong secret: no cluster secret is configured, so only loopback peers are accepted and 10.0.0.9:5555 is not one; configure the cluster secret on every worker.")]
    [InlineData(null, null, true, "w2", RunId, "x -> y", "unknown edge: no edge 'x -> y' is offered here for run run-1.")]
    [InlineData(null, null, true, "w2", "run-0", "a -> b", "stale run: edge 'a -> b' is offered here for run run-1, not run run-0; the receiver holds an old blueprint.")]
    [InlineData(null, null, true, "w3", RunId, "a -> b", "wrong worker: edge 'a -> b' is received by worker 'w2', not 'w3'.")]
    public async Task Handshake_WhenRefused_TellsTheReceiverWhyAndLogsThePeer(string? serverSecret, string? clientSecret, bool loopback, string worker, string runId, string edgeId, string reason)
    {
        await using var plane = Plane(serverSecret);
        var handle = plane.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        var (serving, client) = Serve(plane, loopback);

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(
            () => StreamHandshake.ConnectAsync(client, ClusterSecretAuthenticator.For(clientSecret), worker, runId, edgeId, CancellationToken.None)).WithTimeout();
        await serving.WithTimeout();

        Assert.Equal($"Edge '{edgeId}' of run {runId}: the sender at w1:data refused worker '{worker}': {reason}", error.Message);
        Assert.Contains(_log.Lines, l => l.EventId == 5001 && l.Message.Contains("10.0.0.9:5555", StringComparison.Ordinal) && l.Message.EndsWith(reason, StringComparison.Ordinal));
        Assert.False(handle.Completion.IsCompleted, "A refused receiver leaves the offer open for the right one.");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Handshake_WhenTheEdgeAlreadyHasAReceiver_RefusesTheSecond()
    {
        await using var plane = Plane(null);
        plane.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        var (first, firstClient) = Serve(plane, loopback: true);
        await StreamHandshake.ConnectAsync(firstClient, null, "w2", RunId, "a -> b", CancellationToken.None).WithTimeout();
        var (second, secondClient) = Serve(plane, loopback: true);

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(
            () => StreamHandshake.ConnectAsync(secondClient, null, "w2", RunId, "a -> b", CancellationToken.None)).WithTimeout();

        Assert.Equal(Prefix + "edge already subscribed: edge 'a -> b' of run run-1 already has a receiver.", error.Message);
        await second.WithTimeout();
        await plane.WithdrawAsync(RunId).WithTimeout();
        await first.WithTimeout();
        await firstClient.DisposeAsync();
        await secondClient.DisposeAsync();
    }

    [Fact]
    public async Task Handshake_WhenThePeerSendsGarbage_ClosesTheConnectionAndLogsThePeer()
    {
        await using var plane = Plane(null);
        plane.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        var (serverPipe, clientPipe) = PipePair();
        var serving = plane.ServeAsync(serverPipe, "10.0.0.9:5555", peerIsLoopback: true, CancellationToken.None);

        await clientPipe.Output.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        await serving.WithTimeout();

        var line = Assert.Single(_log.Lines, l => l.EventId == 5008);
        Assert.StartsWith("Closing the data connection from peer 10.0.0.9:5555 on worker \"w1\" during the handshake: Frame starts with 0x47 instead of the Chimera magic byte 0xC7", line.Message);
    }

    [Fact]
    public async Task Handshake_FedRandomBytes_NeverThrowsOutOfTheListener()
    {
        await using var plane = Plane("s3cret");
        var handle = plane.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        var random = new Random(7);
        for (var round = 0; round < 100; round++)
        {
            var (serverPipe, clientPipe) = PipePair();
            var serving = plane.ServeAsync(serverPipe, "10.0.0.9:5555", peerIsLoopback: false, CancellationToken.None);
            var bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            if (round % 2 == 0 && bytes.Length >= 16)
            {
                new FrameHeader(FrameType.Handshake, FrameFlags.None, (uint)(bytes.Length - 16), 0).Write(bytes);
            }

            await clientPipe.Output.WriteAsync(bytes);
            await clientPipe.Output.CompleteAsync();
            await serving.WithTimeout();
        }

        Assert.False(handle.Completion.IsCompleted, "Garbage never claims the edge.");
        Assert.Equal(100, _log.Lines.Count(l => l.EventId is 5008 or 5001));
    }

    [Fact]
    public async Task Handshake_WhenThePeerSendsNothing_TimesOutAndLogs()
    {
        var settings = RemoteTestKit.Settings();
        settings.HandshakeTimeout = TimeSpan.FromMilliseconds(200);
        await using var plane = new DataPlane("w1", settings, null, _log);
        var (serverPipe, clientPipe) = PipePair();

        await plane.ServeAsync(serverPipe, "10.0.0.9:5555", peerIsLoopback: true, CancellationToken.None).WithTimeout(5);

        var line = Assert.Single(_log.Lines, l => l.EventId == 5008);
        Assert.EndsWith("during the handshake: the handshake did not finish within 0.2 s (chimera.remote.handshake-timeout).", line.Message);
        GC.KeepAlive(clientPipe);
    }

    [Fact]
    public async Task SubscriptionTimeout_WhenNobodyConnects_FailsTheEdgeAndItsSource()
    {
        var settings = RemoteTestKit.Settings();
        settings.SubscriptionTimeout = TimeSpan.FromMilliseconds(200);
        await using var plane = new DataPlane("w1", settings, null, _log);
        var source = new EdgeChannel(Edge());
        var handle = plane.Offer(RunId, Edge(), source);

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion).WithTimeout();

        Assert.Equal("Edge 'a -> b' of run run-1 (worker 'w1'): no receiver subscribed within 0.2 s (chimera.remote.subscription-timeout); check that worker 'w2' is running and can reach this worker's data port.", error.Message);
        Assert.True(source.IsCompleted);
        Assert.Contains(_log.Lines, l => l.EventId == 5006);
    }

    [Fact]
    public async Task SubscriptionTimeout_AReceiverThatComesAfterIt_IsToldTheEdgeTimedOut()
    {
        var settings = RemoteTestKit.Settings();
        settings.SubscriptionTimeout = TimeSpan.FromMilliseconds(100);
        await using var plane = new DataPlane("w1", settings, null, _log);
        var handle = plane.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion).WithTimeout();
        var (serving, client) = Serve(plane, loopback: true);

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(
            () => StreamHandshake.ConnectAsync(client, null, "w2", RunId, "a -> b", CancellationToken.None)).WithTimeout();

        // Not "already has a receiver": nobody received it, it failed waiting for one.
        Assert.Equal(Prefix + "subscription timed out: edge 'a -> b' of run run-1 had no receiver within 0.1 s (chimera.remote.subscription-timeout) and has failed; this receiver came too late.", error.Message);
        await serving.WithTimeout();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task SubscriptionTimeout_AfterACompletedHandshake_NeverFires()
    {
        var settings = RemoteTestKit.Settings();
        // Long enough for the handshake to arrive first on a loaded machine (at 100 ms it sometimes did not, and the
        // edge timed out before it was claimed), short enough to have passed well before the end of the wait below.
        settings.SubscriptionTimeout = TimeSpan.FromMilliseconds(700);
        await using var plane = new DataPlane("w1", settings, null, _log);
        var source = new EdgeChannel(Edge());
        var handle = plane.Offer(RunId, Edge(), source);
        var (serverPipe, clientPipe) = PipePair();
        var serving = plane.ServeAsync(serverPipe, "127.0.0.1:5555", peerIsLoopback: true, CancellationToken.None);
        await using var client = Connection(clientPipe, settings, "w1:data");
        await StreamHandshake.ConnectAsync(client, null, "w2", RunId, "a -> b", CancellationToken.None).WithTimeout();
        var target = new EdgeChannel(Edge());
        var receiving = new StreamReceiver(client, new RemoteEdgeHandle(RunId, Edge(), RemoteEdgeRole.Receiver, target), "w2", _log.CreateLogger("r")).RunAsync(CancellationToken.None);

        await Task.Delay(1200);
        Assert.False(handle.Completion.IsCompleted);
        source.Complete();
        await handle.Completion.WithTimeout();
        await receiving.WithTimeout();
        await client.DisposeAsync();
        await serving.WithTimeout();
        Assert.DoesNotContain(_log.Lines, l => l.EventId == 5006);
    }

    [Fact]
    public async Task Withdraw_BeforeAnyoneSubscribed_CancelsTheEdge()
    {
        await using var plane = Plane(null);
        var handle = plane.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        await plane.WithdrawAsync(RunId).WithTimeout();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Completion);
        Assert.Empty(plane.Metrics(RunId));
    }

    private DataPlane Plane(string? secret) => new("w1", RemoteTestKit.Settings(), ClusterSecretAuthenticator.For(secret), _log);

    /// <summary>Serves one in-memory connection from peer 10.0.0.9:5555 and returns the client's end.</summary>
    private static (Task Serving, FrameConnection Client) Serve(DataPlane plane, bool loopback)
    {
        var (serverPipe, clientPipe) = PipePair();
        var serving = plane.ServeAsync(serverPipe, "10.0.0.9:5555", loopback, CancellationToken.None);
        return (serving, Connection(clientPipe, RemoteTestKit.Settings(), "w1:data"));
    }
}
