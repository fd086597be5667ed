using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>Both ends of a stream reference over in-memory pipes: no sockets, so every case runs in milliseconds.</summary>
public sealed class StreamProtocolTests
{
    private readonly ListLoggerFactory _log = new();

    [Fact]
    public async Task Stream_WhenSourceCompletes_DeliversEveryElementInOrderWithExactCounts()
    {
        var settings = RemoteTestKit.Settings(window: 8);
        var edge = Edge(capacity: 4);
        await using var ends = Ends.Create(settings, edge, _log);
        var (source, target, sendHandle, receiveHandle) = (ends.Source, ends.Target, ends.SendHandle, ends.ReceiveHandle);

        var running = ends.RunAsync();
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await source.WriteAsync(Element(i), CancellationToken.None);
            }

            source.Complete();
        });
        var received = await DrainAsync(target).WithTimeout();

        await Task.WhenAll(producing, running).WithTimeout();
        await sendHandle.Completion;
        await receiveHandle.Completion;
        Assert.Equal(Enumerable.Range(0, 1000), received.Select(c => c.Get<int>("i")));
        var sent = sendHandle.Metrics();
        var got = receiveHandle.Metrics();
        Assert.Equal(1000, sent.ElementsSent);
        Assert.Equal(1000, got.ElementsReceived);
        Assert.Equal(sent.BytesSent, got.BytesReceived);
        Assert.Equal(0, got.Dropped);
        Assert.Equal(1000, target.Sent);
        Assert.Equal(1000, source.Received);
    }

    [Fact]
    public async Task Stream_WhenTheConsumerAlternatesBetweenStallingAndKeepingUp_KeepsOrderAcrossDirectAndQueuedDelivery()
    {
        // The receiver hands elements straight to a target with room and queues them behind earlier ones otherwise:
        // a consumer that stalls every 50 elements makes delivery switch between the two paths many times.
        var settings = RemoteTestKit.Settings(window: 32);
        var edge = Edge(capacity: 2);
        await using var ends = Ends.Create(settings, edge, _log);
        var (source, target, sendHandle, receiveHandle) = (ends.Source, ends.Target, ends.SendHandle, ends.ReceiveHandle);

        var running = ends.RunAsync();
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < 3000; i++)
            {
                await source.WriteAsync(Element(i), CancellationToken.None);
            }

            source.Complete();
        });
        var received = new List<int>();
        while (await target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout())
        {
            while (target.TryRead(out var chunk))
            {
                received.Add(chunk.Get<int>("i"));
                if (received.Count % 50 == 0)
                {
                    await Task.Delay(2);
                }
            }
        }

        await Task.WhenAll(producing, running).WithTimeout();
        await receiveHandle.Completion;
        Assert.Equal(Enumerable.Range(0, 3000), received);
        Assert.Equal(3000, receiveHandle.Metrics().ElementsReceived);
        Assert.Equal(3000, target.Sent);
    }

    [Theory]
    [InlineData(100_000, 13)]
    [InlineData(8, 66)]
    public async Task Window_IsBoundedInBytesAsWellAsElements(int elementSize, int mostInFlight)
    {
        // 1 MiB of credit: ten 100 KB elements (plus the target's 2), but the full 64-element window of small ones.
        var settings = RemoteTestKit.Settings(window: 64);
        settings.BufferBytes = 1024 * 1024;
        var edge = Edge(capacity: 2);
        await using var ends = Ends.Create(settings, edge, _log, unbounded: true);
        var (source, target, sendHandle, receiveHandle) = (ends.Source, ends.Target, ends.SendHandle, ends.ReceiveHandle);
        var running = ends.RunAsync();
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await source.WriteAsync(new DataChunk().Add("i", i).Add("blob", new byte[elementSize]), CancellationToken.None);
            }

            source.Complete();
        });

        // Nobody reads the target yet: the sender stops where the credit ends. A loaded machine may take a while to get
        // the first few out, so wait for them, then give the sender time to overrun the credit if it would.
        await WaitUntilAsync(() => sendHandle.Metrics().ElementsSent >= 3);
        await Task.Delay(500);
        var sentWhileStalled = sendHandle.Metrics().ElementsSent;
        var received = await DrainAsync(target).WithTimeout();
        await Task.WhenAll(producing, running).WithTimeout();

        Assert.InRange(sentWhileStalled, 3, mostInFlight);
        Assert.Equal(Enumerable.Range(0, 200), received.Select(c => c.Get<int>("i")));
    }

    [Fact]
    public async Task Fail_WhenSourceCompletesWithAnError_FailsTheReceiverWithTheReason()
    {
        var settings = RemoteTestKit.Settings();
        var edge = Edge();
        await using var ends = Ends.Create(settings, edge, _log);
        var (source, target, sendHandle, receiveHandle) = (ends.Source, ends.Target, ends.SendHandle, ends.ReceiveHandle);
        for (var i = 0; i < 5; i++)
        {
            await source.WriteAsync(Element(i), CancellationToken.None);
        }

        source.Complete(new InvalidOperationException("camera unplugged"));
        var running = ends.RunAsync();

        var received = new List<DataChunk>();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(async () =>
        {
            while (await target.WaitToReadAsync(CancellationToken.None))
            {
                while (target.TryRead(out var chunk))
                {
                    received.Add(chunk);
                }
            }
        }).WithTimeout();
        await running.WithTimeout();

        Assert.Equal(5, received.Count);
        Assert.Equal("Edge 'a -> b' of run run-1 (peer w1-peer, worker 'w2'): the sending side failed: InvalidOperationException: camera unplugged", error.Message);
        await Assert.ThrowsAsync<RemoteEdgeException>(() => receiveHandle.Completion);
        var upstream = await Assert.ThrowsAsync<InvalidOperationException>(() => sendHandle.Completion);
        Assert.Equal("camera unplugged", upstream.Message);
    }

    [Fact]
    public async Task Demand_WhenADemandFrameIsLost_IsRedeliveredAndTheStreamCompletes()
    {
        var settings = RemoteTestKit.Settings(window: 8);
        var edge = Edge(capacity: 32);
        var (senderPipe, senderFar) = PipePair();
        var (receiverFar, receiverPipe) = PipePair();
        var source = new EdgeChannel(edge);
        var target = new EdgeChannel(edge);
        var sendHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        var receiveHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Receiver, target);
        await using var senderConnection = Connection(senderPipe, settings, "w2-peer");
        await using var receiverConnection = Connection(receiverPipe, settings, "w1-peer");
        using var sender = new StreamSender(senderConnection, sendHandle, "w1", _log.CreateLogger("s"));
        var receiver = new StreamReceiver(receiverConnection, receiveHandle, "w2", _log.CreateLogger("r"));

        // Sender → receiver passes untouched; receiver → sender loses the first demand frame.
        var dropped = 0;
        var forward = PumpAsync(senderFar.Input, receiverFar.Output, settings, _ => false);
        var backward = PumpAsync(receiverFar.Input, senderFar.Output, settings, frame => frame.Type == FrameType.Demand && Interlocked.Increment(ref dropped) == 1);
        for (var i = 0; i < 20; i++)
        {
            await source.WriteAsync(Element(i), CancellationToken.None);
        }

        source.Complete();
        var running = Task.WhenAll(sender.RunAsync(CancellationToken.None), receiver.RunAsync(CancellationToken.None));
        var received = await DrainAsync(target).WithTimeout();
        await running.WithTimeout();

        Assert.Equal(Enumerable.Range(0, 20), received.Select(c => c.Get<int>("i")));
        Assert.True(dropped >= 2, "The first demand was dropped, so a later (redelivered) one carried the credit.");
        await sendHandle.Completion;
        await receiveHandle.Completion;
        await senderConnection.DisposeAsync();
        await Task.WhenAll(forward, backward).WithTimeout();
    }

    [Fact]
    public async Task RoundTripEstimate_IsMeasuredFromPings()
    {
        var settings = RemoteTestKit.Settings();
        settings.PingInterval = TimeSpan.FromMilliseconds(20);
        var edge = Edge();
        await using var ends = Ends.Create(settings, edge, _log);
        var (source, target, sendHandle, receiveHandle) = (ends.Source, ends.Target, ends.SendHandle, ends.ReceiveHandle);
        var running = ends.RunAsync();

        while (sendHandle.Metrics().RoundTripEstimate is null || receiveHandle.Metrics().RoundTripEstimate is null)
        {
            await Task.Delay(20).WithTimeout();
        }

        Assert.Equal(16, receiveHandle.Metrics().CreditOutstanding);
        source.Complete();
        await running.WithTimeout();
        await receiveHandle.Completion;
        Assert.InRange(sendHandle.Metrics().RoundTripEstimate!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    /// <summary>Copies frames from one pipe to another, dropping those <paramref name="drop"/> picks.</summary>
    private static async Task PumpAsync(PipeReader from, PipeWriter to, RemoteSettings settings, Func<RawFrame, bool> drop)
    {
        var frames = Channel.CreateUnbounded<RawFrame>();
        var tap = TapAsync(from, settings.Wire, frames.Writer);
        using var writer = new FrameWriter(Codec(settings));
        await foreach (var frame in frames.Reader.ReadAllAsync())
        {
            if (!drop(frame))
            {
                writer.WriteFrame(to, frame.Type, frame.Sequence, frame.Payload);
                await to.FlushAsync();
            }
        }

        await tap;
        await to.CompleteAsync();
    }

    /// <summary>Both ends of one stream reference over in-memory pipes, not running until <see cref="RunAsync"/>.</summary>
    private sealed class Ends : IAsyncDisposable
    {
        private readonly FrameConnection _senderConnection;
        private readonly FrameConnection _receiverConnection;
        private readonly StreamSender _sender;
        private readonly StreamReceiver _receiver;

        private Ends(RemoteSettings settings, BlueprintEdge edge, ListLoggerFactory log, bool unbounded)
        {
            var (senderPipe, receiverPipe) = PipePair(unbounded);
            Source = new EdgeChannel(edge);
            Target = new EdgeChannel(edge);
            SendHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, Source);
            ReceiveHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Receiver, Target);
            _senderConnection = Connection(senderPipe, settings, "w2-peer");
            _receiverConnection = Connection(receiverPipe, settings, "w1-peer");
            _sender = new StreamSender(_senderConnection, SendHandle, "w1", log.CreateLogger("s"));
            _receiver = new StreamReceiver(_receiverConnection, ReceiveHandle, "w2", log.CreateLogger("r"));
        }

        public EdgeChannel Source { get; }

        public EdgeChannel Target { get; }

        public RemoteEdgeHandle SendHandle { get; }

        public RemoteEdgeHandle ReceiveHandle { get; }

        public static Ends Create(RemoteSettings settings, BlueprintEdge edge, ListLoggerFactory log, bool unbounded = false) => new(settings, edge, log, unbounded);

        /// <summary>Runs both ends to their end.</summary>
        public Task RunAsync() => Task.WhenAll(_sender.RunAsync(CancellationToken.None), _receiver.RunAsync(CancellationToken.None));

        public async ValueTask DisposeAsync()
        {
            _sender.Dispose();
            await _receiverConnection.DisposeAsync();
            await _senderConnection.DisposeAsync();
        }
    }
}
