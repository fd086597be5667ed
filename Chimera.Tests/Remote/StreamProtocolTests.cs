using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>The stream reference protocol over in-memory pipes: no sockets, so every case runs in milliseconds.</summary>
public sealed class StreamProtocolTests
{
    private readonly ListLoggerFactory _log = new();

    [Fact]
    public async Task Stream_WhenSourceCompletes_DeliversEveryElementInOrderWithExactCounts()
    {
        var settings = Settings(window: 8);
        var edge = Edge(capacity: 4);
        var (senderPipe, receiverPipe) = PipePair();
        var source = new EdgeChannel(edge);
        var target = new EdgeChannel(edge);
        var sendHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        var receiveHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Receiver, target);
        await using var senderConnection = Connection(senderPipe, settings, "w2-peer");
        await using var receiverConnection = Connection(receiverPipe, settings, "w1-peer");
        using var sender = new StreamSender(senderConnection, sendHandle, "w1", _log.CreateLogger("s"));
        var receiver = new StreamReceiver(receiverConnection, receiveHandle, "w2", _log.CreateLogger("r"));

        var sending = sender.RunAsync(CancellationToken.None);
        var receiving = receiver.RunAsync(CancellationToken.None);
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await source.WriteAsync(Element(i), CancellationToken.None);
            }

            source.Complete();
        });
        var received = await DrainAsync(target).WithTimeout();

        await Task.WhenAll(producing, sending, receiving).WithTimeout();
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
    public async Task Sender_NeverSendsBeyondTheCumulativeDemand()
    {
        var settings = Settings();
        var edge = Edge(capacity: 100);
        var (senderPipe, fakeReceiver) = PipePair();
        var source = new EdgeChannel(edge);
        for (var i = 0; i < 100; i++)
        {
            await source.WriteAsync(Element(i), CancellationToken.None);
        }

        var handle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        await using var connection = Connection(senderPipe, settings, "fake");
        using var sender = new StreamSender(connection, handle, "w1", _log.CreateLogger("s"));
        using var cts = new CancellationTokenSource();
        var running = sender.RunAsync(cts.Token);
        var frames = Channel.CreateUnbounded<RawFrame>();
        var tap = TapAsync(fakeReceiver.Input, settings.Wire, frames.Writer);
        using var writer = new FrameWriter(Codec(settings));

        writer.WriteDemand(fakeReceiver.Output, 10);
        await fakeReceiver.Output.FlushAsync();
        Assert.Equal(10, await CountElementsAsync(frames.Reader, 10));
        await Task.Delay(300);
        Assert.Equal(0, CountBuffered(frames.Reader));
        Assert.Equal(0, handle.Metrics().CreditOutstanding);

        writer.WriteDemand(fakeReceiver.Output, 25);
        writer.WriteDemand(fakeReceiver.Output, 20); // a stale, lower mark means nothing
        await fakeReceiver.Output.FlushAsync();
        Assert.Equal(15, await CountElementsAsync(frames.Reader, 15));
        await Task.Delay(300);
        Assert.Equal(0, CountBuffered(frames.Reader));
        Assert.Equal(25, handle.Metrics().ElementsSent);

        await cts.CancelAsync();
        await running.WithTimeout();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Completion);
        await connection.DisposeAsync();
        await tap.WithTimeout();
    }

    [Theory]
    [InlineData(new long[] { 0, 1, 3 }, "sequence gap: element 3 arrived but element 2 was expected, so 1 elements are missing.")]
    [InlineData(new long[] { 0, 1, 1 }, "duplicate element: element 1 arrived again (element 2 was expected next).")]
    public async Task Receiver_WhenSequenceHasAGapOrADuplicate_FailsTheEdgeNamingIt(long[] sequences, string expected)
    {
        var (target, handle, fakeSender, running) = StartReceiver(Settings());
        using var writer = new FrameWriter(Codec(Settings()));
        foreach (var sequence in sequences)
        {
            writer.WriteData(fakeSender.Output, sequence, Element((int)sequence));
        }

        await fakeSender.Output.FlushAsync();
        await running.WithTimeout();

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.Equal("Edge 'a -> b' of run run-1 (peer w1-peer, worker 'w2'): " + expected, error.Message);
        Assert.Equal("a -> b", error.Edge);
        var targetError = await Assert.ThrowsAsync<RemoteEdgeException>(() => DrainAsync(target));
        Assert.Same(error, targetError);
        Assert.Contains(_log.Lines, l => l.EventId == 5002 && l.Message == error.Message);
    }

    [Fact]
    public async Task Receiver_WhenSenderExceedsCredit_FailsTheEdge()
    {
        var (_, handle, fakeSender, running) = StartReceiver(Settings(window: 2));
        using var writer = new FrameWriter(Codec(Settings()));
        for (var i = 0; i < 3; i++)
        {
            writer.WriteData(fakeSender.Output, i, Element(i));
        }

        await fakeSender.Output.FlushAsync();
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("the sender sent element 2 beyond the granted demand of 2 elements.", error.Message);
    }

    [Fact]
    public async Task Receiver_WhenFrameIsMalformed_FailsTheEdgeAndLogsPeerAndEdge()
    {
        var (_, handle, fakeSender, running) = StartReceiver(Settings());
        await fakeSender.Output.WriteAsync(new byte[] { 0xC7, 1, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 });
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.StartsWith("Edge 'a -> b' of run run-1 (peer w1-peer, worker 'w2'): malformed data from the partner:", error.Message);
        Assert.Contains(_log.Lines, l => l.EventId == 3000 && l.Message.Contains("w1-peer", StringComparison.Ordinal) && l.Message.Contains("a -> b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receiver_WhenAFrameIsOversized_FailsQuotingTheCap()
    {
        var (_, handle, fakeSender, running) = StartReceiver(Settings());
        var header = new byte[16];
        new FrameHeader(FrameType.Data, FrameFlags.None, 64 * 1024 * 1024, 0).Write(header);
        await fakeSender.Output.WriteAsync(header);
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("malformed data from the partner: Frame of 67108864 bytes exceeds the maximum frame size of 1048576 bytes (chimera.wire.max-frame-size); larger payloads must be split into continuation frames.", error.Message);
    }

    [Fact]
    public async Task Receiver_FedRandomBytes_AlwaysFailsTheEdgeCleanly()
    {
        var random = new Random(42);
        for (var round = 0; round < 100; round++)
        {
            var (target, handle, fakeSender, running) = StartReceiver(Settings());
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            if (round % 2 == 0 && bytes.Length >= 16)
            {
                // Half the rounds start with a valid header so the payload parsers are reached too.
                new FrameHeader((FrameType)random.Next(1, 11), FrameFlags.None, (uint)(bytes.Length - 16), random.Next(0, 3)).Write(bytes);
            }

            await fakeSender.Output.WriteAsync(bytes);
            await fakeSender.Output.CompleteAsync();
            await running.WithTimeout();
            Assert.True(handle.Completion.IsCompleted);
            Assert.True(target.IsCompleted || target.QueueDepth > 0);
            Assert.True(handle.Completion.IsFaulted, $"round {round}");
            Assert.IsType<RemoteEdgeException>(handle.Completion.Exception!.InnerException);
        }
    }

    [Fact]
    public async Task Sender_BatchesManySmallElementsIntoFewFrames()
    {
        var settings = Settings(window: 10_000);
        var edge = Edge(capacity: 1000);
        var (senderPipe, fakeReceiver) = PipePair();
        var source = new EdgeChannel(edge);
        for (var i = 0; i < 1000; i++)
        {
            await source.WriteAsync(Element(i), CancellationToken.None);
        }

        source.Complete();
        var handle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        await using var connection = Connection(senderPipe, settings, "fake");
        using var sender = new StreamSender(connection, handle, "w1", _log.CreateLogger("s"));
        var frames = Channel.CreateUnbounded<RawFrame>();
        var tap = TapAsync(fakeReceiver.Input, settings.Wire, frames.Writer);
        using var writer = new FrameWriter(Codec(settings));
        writer.WriteDemand(fakeReceiver.Output, 10_000);
        await fakeReceiver.Output.FlushAsync();
        var running = sender.RunAsync(CancellationToken.None);

        var data = new List<RawFrame>();
        RawFrame? complete = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var frame in frames.Reader.ReadAllAsync(timeout.Token))
        {
            if (frame.Type is FrameType.Data or FrameType.DataBatch)
            {
                data.Add(frame);
            }
            else if (frame.Type == FrameType.Complete)
            {
                complete = frame;
                await fakeReceiver.Output.CompleteAsync();
                break;
            }
        }

        await running.WithTimeout();
        await connection.DisposeAsync();
        await tap.WithTimeout();
        await handle.Completion;
        Assert.InRange(data.Count, 4, 10); // 1000 elements / 256 per batch
        Assert.Equal(999, complete!.Sequence);
        var codec = Codec(settings);
        var decoded = new List<DataChunk>();
        foreach (var frame in data)
        {
            codec.DecodeBatch(new ReadOnlySequence<byte>(frame.Payload), decoded);
        }

        Assert.Equal(Enumerable.Range(0, 1000), decoded.Select(c => c.Get<int>("i")));
    }

    [Fact]
    public async Task Fail_WhenSourceCompletesWithAnError_FailsTheReceiverWithTheReason()
    {
        var settings = Settings();
        var edge = Edge();
        var (senderPipe, receiverPipe) = PipePair();
        var source = new EdgeChannel(edge);
        var target = new EdgeChannel(edge);
        var sendHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        var receiveHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Receiver, target);
        await using var senderConnection = Connection(senderPipe, settings, "w2-peer");
        await using var receiverConnection = Connection(receiverPipe, settings, "w1-peer");
        using var sender = new StreamSender(senderConnection, sendHandle, "w1", _log.CreateLogger("s"));
        var receiver = new StreamReceiver(receiverConnection, receiveHandle, "w2", _log.CreateLogger("r"));
        for (var i = 0; i < 5; i++)
        {
            await source.WriteAsync(Element(i), CancellationToken.None);
        }

        source.Complete(new InvalidOperationException("camera unplugged"));
        var running = Task.WhenAll(sender.RunAsync(CancellationToken.None), receiver.RunAsync(CancellationToken.None));

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
        var settings = Settings(window: 8);
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
    public async Task Receiver_WhenSenderGoesSilent_FailsWithinTheDeadline()
    {
        var settings = Settings();
        settings.FinalTerminationDeadline = TimeSpan.FromMilliseconds(400);
        settings.PingInterval = TimeSpan.FromMilliseconds(50);
        var started = TimeProvider.System.GetTimestamp();
        var (_, handle, fakeSender, running) = StartReceiver(settings);

        await running.WithTimeout();
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.Matches(@"^Edge 'a -> b' of run run-1 \(peer w1-peer, worker 'w2'\): no frame from the partner for [0-9.]+ s, longer than chimera.remote.final-termination-deadline = 0.4 s; the partner is presumed dead.$", error.Message);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));
        GC.KeepAlive(fakeSender);
    }

    [Fact]
    public async Task Sender_WhenReceiverGoesSilent_FailsWithinTheDeadlineAndUnblocksTheProducer()
    {
        var settings = Settings();
        settings.FinalTerminationDeadline = TimeSpan.FromMilliseconds(400);
        settings.PingInterval = TimeSpan.FromMilliseconds(50);
        var edge = Edge(capacity: 2);
        var (senderPipe, fakeReceiver) = PipePair();
        var source = new EdgeChannel(edge);
        var handle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        await using var connection = Connection(senderPipe, settings, "w2-peer");
        using var sender = new StreamSender(connection, handle, "w1", _log.CreateLogger("s"));
        var running = sender.RunAsync(CancellationToken.None);
        var producing = Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                await source.WriteAsync(Element(i), CancellationToken.None);
            }
        });

        await running.WithTimeout(5);
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("the partner is presumed dead.", error.Message);
        Assert.StartsWith("Edge 'a -> b' of run run-1 (peer w2-peer, worker 'w1'): no frame from the partner", error.Message);
        var producerError = await Assert.ThrowsAnyAsync<Exception>(() => producing).WithTimeout(5);
        Assert.Same(error, producerError.InnerException ?? producerError);
        GC.KeepAlive(fakeReceiver);
    }

    [Fact]
    public async Task Receiver_WhenSenderClosesWithoutCompleting_FailsAtOnce()
    {
        var (_, handle, fakeSender, running) = StartReceiver(Settings());
        using var writer = new FrameWriter(Codec(Settings()));
        writer.WriteData(fakeSender.Output, 0, Element(0));
        await fakeSender.Output.CompleteAsync();
        await running.WithTimeout(5);
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("the sender's connection closed before the stream completed (no Complete or Fail frame arrived).", error.Message);
    }

    [Fact]
    public async Task Receiver_WhenCompleteDoesNotMatchWhatArrived_FailsTheEdge()
    {
        var (_, handle, fakeSender, running) = StartReceiver(Settings());
        using var writer = new FrameWriter(Codec(Settings()));
        writer.WriteData(fakeSender.Output, 0, Element(0));
        writer.WriteComplete(fakeSender.Output, 4);
        await fakeSender.Output.FlushAsync();
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("the sender completed after element 4 but the last element received was 0.", error.Message);
    }

    [Fact]
    public async Task RoundTripEstimate_IsMeasuredFromPings()
    {
        var settings = Settings();
        settings.PingInterval = TimeSpan.FromMilliseconds(20);
        var edge = Edge();
        var (senderPipe, receiverPipe) = PipePair();
        var source = new EdgeChannel(edge);
        var target = new EdgeChannel(edge);
        var sendHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        var receiveHandle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Receiver, target);
        await using var senderConnection = Connection(senderPipe, settings, "w2-peer");
        await using var receiverConnection = Connection(receiverPipe, settings, "w1-peer");
        using var sender = new StreamSender(senderConnection, sendHandle, "w1", _log.CreateLogger("s"));
        var receiver = new StreamReceiver(receiverConnection, receiveHandle, "w2", _log.CreateLogger("r"));
        var running = Task.WhenAll(sender.RunAsync(CancellationToken.None), receiver.RunAsync(CancellationToken.None));

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

    /// <summary>Starts a real receiver whose partner is the test (returned as the sender's side of the pipe).</summary>
    private (EdgeChannel Target, RemoteEdgeHandle Handle, IDuplexPipe FakeSender, Task Running) StartReceiver(RemoteSettings settings)
    {
        var edge = Edge();
        var (fakeSender, receiverPipe) = PipePair();
        var target = new EdgeChannel(edge);
        var handle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Receiver, target);
        var connection = Connection(receiverPipe, settings, "w1-peer");
        var receiver = new StreamReceiver(connection, handle, "w2", _log.CreateLogger("r"));
        return (target, handle, fakeSender, RunAndDispose(receiver, connection));

        static async Task RunAndDispose(StreamReceiver receiver, FrameConnection connection)
        {
            await receiver.RunAsync(CancellationToken.None);
            await connection.DisposeAsync();
        }
    }

    private static async Task<int> CountElementsAsync(ChannelReader<RawFrame> frames, int expected)
    {
        var count = 0;
        while (count < expected)
        {
            var frame = await frames.ReadAsync().AsTask().WithTimeout(5);
            count += frame.Type switch
            {
                FrameType.Data => 1,
                FrameType.DataBatch => BitConverter.ToInt32(frame.Payload),
                _ => 0,
            };
        }

        return count;
    }

    private static int CountBuffered(ChannelReader<RawFrame> frames)
    {
        var count = 0;
        while (frames.TryRead(out var frame))
        {
            count += frame.Type is FrameType.Data or FrameType.DataBatch ? 1 : 0;
        }

        return count;
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
}
