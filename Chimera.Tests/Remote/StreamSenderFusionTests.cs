using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>
/// A sender whose producer outpaces it fuses with it: it sends each batch from the producer's thread as the producer
/// fills the source, and the tail of a burst still goes out after the producer pauses.
/// </summary>
public sealed class StreamSenderFusionTests
{
    private readonly ListLoggerFactory _log = new();

    private const int Elements = 20_000;

    private const int Tail = 10;

    [Fact]
    public async Task Sender_BehindAFastProducer_SendsFromTheProducersThread_AndSendsTheTailAfterAPause()
    {
        // What may run on the producer's thread is timed against this; a debug build with the receiving side reading
        // inline takes longer than the default 200 µs on a loaded machine, and falling back is tested elsewhere.
        var (received, fromProducer) = await StreamFromOneThreadAsync(TimeSpan.FromMilliseconds(50));

        Assert.Equal(Enumerable.Range(0, Elements + Tail), received);

        // Unfused, a thread-pool thread sends everything but what an edge idle for 50 ms hands over (nothing here). Fused,
        // most of it on an idle machine (19 000 or more); a loaded one preempts the producer past the deadline now and
        // then, and each time the pair splits until a batch finds the source full again (9 216 seen with two cores busy).
        Assert.True(fromProducer > Elements / 10, $"{fromProducer} of {Elements + Tail} elements were sent from the producer's thread");
    }

    [Fact]
    public async Task Sender_WithInlineAfterIdleZero_NeverSendsFromTheProducersThread()
    {
        var (received, fromProducer) = await StreamFromOneThreadAsync(TimeSpan.Zero);

        Assert.Equal(Enumerable.Range(0, Elements + Tail), received);
        Assert.Equal(0, fromProducer);
    }

    /// <summary>
    /// Streams <see cref="Elements"/> plus a <see cref="Tail"/> shorter than a batch from one thread of its own, as fast
    /// as the source takes them; returns the numbers received in order and how many were sent from that thread.
    /// </summary>
    private async Task<(List<int> Received, int FromProducer)> StreamFromOneThreadAsync(TimeSpan inlineAfterIdle)
    {
        var settings = RemoteTestKit.Settings(window: 100_000);
        settings.InlineAfterIdle = inlineAfterIdle;
        var edge = Edge(capacity: 64);

        // The receiving side reads inline on the thread that flushes, so each frame says which thread sent it.
        var toReceiver = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, pauseWriterThreshold: 0));
        var toSender = new Pipe();
        var source = new EdgeChannel(edge);
        var handle = new RemoteEdgeHandle(RunId, edge, RemoteEdgeRole.Sender, source);
        await using var connection = Connection(new DuplexPipe(toSender.Reader, toReceiver.Writer), settings, "fake");
        using var sender = new StreamSender(connection, handle, "w1", _log.CreateLogger("s"));
        var frames = Channel.CreateUnbounded<RawFrame>();
        var tap = TapAsync(toReceiver.Reader, settings.Wire, frames.Writer);
        using var writer = new FrameWriter(Codec(settings));
        writer.WriteDemand(toSender.Writer, 100_000);
        await toSender.Writer.FlushAsync();
        using var cts = new CancellationTokenSource();
        var running = sender.RunAsync(cts.Token);

        var producer = await Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < Elements + Tail; i++)
                {
                    source.WriteAsync(Element(i), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                }

                // The tail, shorter than a batch, stays unsent until the sender stops waiting for the rest of its batch.
                return Environment.CurrentManagedThreadId;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).WithTimeout();

        await WaitUntilAsync(() => handle.Metrics().ElementsSent == Elements + Tail, seconds: 5);
        await cts.CancelAsync();
        await running.WithTimeout();
        await toReceiver.Writer.CompleteAsync();
        await tap.WithTimeout();

        var codec = Codec(settings);
        var decoded = new List<DataChunk>();
        var fromProducer = 0;
        await foreach (var frame in frames.Reader.ReadAllAsync())
        {
            var before = decoded.Count;
            if (frame.Type == FrameType.DataBatch)
            {
                codec.DecodeBatch(new ReadOnlySequence<byte>(frame.Payload), decoded);
            }
            else if (frame.Type == FrameType.Data)
            {
                decoded.Add(codec.Decode(new ReadOnlySequence<byte>(frame.Payload)));
            }

            fromProducer += frame.Thread == producer ? decoded.Count - before : 0;
        }

        return ([.. decoded.Select(c => c.Get<int>("i"))], fromProducer);
    }
}
