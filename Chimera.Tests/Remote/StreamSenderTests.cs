using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>The sending end against a scripted receiver over in-memory pipes.</summary>
public sealed class StreamSenderTests
{
    private readonly ListLoggerFactory _log = new();

    [Fact]
    public async Task Sender_NeverSendsBeyondTheCumulativeDemand()
    {
        var settings = RemoteTestKit.Settings();
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

    [Fact]
    public async Task Sender_AfterASlowSend_NoLongerRunsOnTheProducersThread_UntilSendsAreFastAgain()
    {
        var settings = RemoteTestKit.Settings();
        var edge = Edge(capacity: 4);
        var (senderPipe, fakeReceiver) = PipePair();
        var source = new EdgeChannel(edge);
        var handle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        await using var connection = Connection(senderPipe, settings, "fake");
        using var sender = new StreamSender(connection, handle, "w1", _log.CreateLogger("s"));
        using var cts = new CancellationTokenSource();
        var running = sender.RunAsync(cts.Token);
        var frames = Channel.CreateUnbounded<RawFrame>();
        var tap = TapAsync(fakeReceiver.Input, settings.Wire, frames.Writer);
        using var writer = new FrameWriter(Codec(settings));
        writer.WriteDemand(fakeReceiver.Output, 1000);
        await fakeReceiver.Output.FlushAsync();
        Assert.Equal(settings.InlineAfterIdle, source.InlineReaderAfterIdle);

        // 8 MiB streamed frame by frame through a pipe that pauses at 64 KiB: far longer than the 200 µs an idle
        // producer may lend its thread for.
        await source.WriteAsync(new DataChunk().Add("big", new byte[8 << 20]), CancellationToken.None);
        Assert.Equal(1, await CountElementsAsync(frames.Reader, 1));
        await WaitUntilAsync(() => source.InlineReaderAfterIdle == TimeSpan.Zero);

        // Small elements one at a time: each send takes microseconds, so inline sends come back (a send that a loaded
        // machine happens to preempt is just followed by the next).
        for (var i = 0; i < 200 && source.InlineReaderAfterIdle == TimeSpan.Zero; i++)
        {
            await source.WriteAsync(Element(i), CancellationToken.None);
            Assert.Equal(1, await CountElementsAsync(frames.Reader, 1));
            await Task.Delay(2);
        }

        Assert.Equal(settings.InlineAfterIdle, source.InlineReaderAfterIdle);
        await cts.CancelAsync();
        await running.WithTimeout();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handle.Completion);
        await connection.DisposeAsync();
        await tap.WithTimeout();
    }

    [Fact]
    public async Task Sender_BatchesManySmallElementsIntoFewFrames()
    {
        var settings = RemoteTestKit.Settings(window: 10_000);
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
    public async Task Sender_WhenReceiverGoesSilent_FailsWithinTheDeadlineAndUnblocksTheProducer()
    {
        var settings = RemoteTestKit.Settings();
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
}
