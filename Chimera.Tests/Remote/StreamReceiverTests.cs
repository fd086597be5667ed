using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>The receiving end against a scripted sender over in-memory pipes.</summary>
public sealed class StreamReceiverTests
{
    private readonly ListLoggerFactory _log = new();

    [Theory]
    [InlineData(new long[] { 0, 1, 3 }, "sequence gap: element 3 arrived but element 2 was expected, so 1 elements are missing.")]
    [InlineData(new long[] { 0, 1, 1 }, "duplicate element: element 1 arrived again (element 2 was expected next).")]
    public async Task Receiver_WhenSequenceHasAGapOrADuplicate_FailsTheEdgeNamingIt(long[] sequences, string expected)
    {
        var (target, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings());
        using var writer = new FrameWriter(Codec(RemoteTestKit.Settings()));
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
        // A window of 2 into a target that holds 1 and is never read: the receiver grants 2, and once element 0 is in
        // the target it may grant 1 more before it gets to element 2 (its writer runs beside the read loop), never
        // more. So element 2 or, at the latest, element 3 is beyond the demand granted when it arrives.
        var (_, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings(window: 2), targetCapacity: 1);
        using var writer = new FrameWriter(Codec(RemoteTestKit.Settings()));
        for (var i = 0; i < 4; i++)
        {
            writer.WriteData(fakeSender.Output, i, Element(i));
        }

        await fakeSender.Output.FlushAsync();
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.Matches(@"the sender sent element (2|3) beyond the granted demand of \1 elements\.$", error.Message);
    }

    [Fact]
    public async Task Receiver_WhenFrameIsMalformed_FailsTheEdgeAndLogsPeerAndEdge()
    {
        var (_, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings());
        await fakeSender.Output.WriteAsync(new byte[] { 0xC7, 1, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 });
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.StartsWith("Edge 'a -> b' of run run-1 (peer w1-peer, worker 'w2'): malformed data from the partner:", error.Message);
        Assert.Contains(_log.Lines, l => l.EventId == 3000 && l.Message.Contains("w1-peer", StringComparison.Ordinal) && l.Message.Contains("a -> b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Receiver_WhenAFrameIsOversized_FailsQuotingTheCap()
    {
        var (_, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings());
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
            var (target, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings());
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
    public async Task Receiver_WhenSenderGoesSilent_FailsWithinTheDeadline()
    {
        var settings = RemoteTestKit.Settings();
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
    public async Task Receiver_WhenSenderClosesWithoutCompleting_FailsAtOnce()
    {
        var (_, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings());
        using var writer = new FrameWriter(Codec(RemoteTestKit.Settings()));
        writer.WriteData(fakeSender.Output, 0, Element(0));
        await fakeSender.Output.CompleteAsync();
        await running.WithTimeout(5);
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("the sender's connection closed before the stream completed (no Complete or Fail frame arrived).", error.Message);
    }

    [Fact]
    public async Task Receiver_WhenCompleteDoesNotMatchWhatArrived_FailsTheEdge()
    {
        var (_, handle, fakeSender, running) = StartReceiver(RemoteTestKit.Settings());
        using var writer = new FrameWriter(Codec(RemoteTestKit.Settings()));
        writer.WriteData(fakeSender.Output, 0, Element(0));
        writer.WriteComplete(fakeSender.Output, 4);
        await fakeSender.Output.FlushAsync();
        await running.WithTimeout();
        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion);
        Assert.EndsWith("the sender completed after element 4 but the last element received was 0.", error.Message);
    }

    /// <summary>Starts a real receiver whose partner is the test (returned as the sender's side of the pipe).</summary>
    private (EdgeChannel Target, RemoteEdgeHandle Handle, IDuplexPipe FakeSender, Task Running) StartReceiver(RemoteSettings settings, int targetCapacity = 16)
    {
        var edge = Edge(targetCapacity);
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
}
