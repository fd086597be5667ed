using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using Microsoft.Extensions.Logging;

namespace Chimera.Tests.Remote;

/// <summary>Edges, pipes, fake partners and a capturing logger for the stream reference tests.</summary>
internal static class RemoteTestKit
{
    public const string RunId = "run-1";

    public static BlueprintEdge Edge(int capacity = 16, OverflowPolicy overflow = OverflowPolicy.Backpressure, string id = "a -> b") =>
        new(id, "a", "b", capacity, overflow, false, "w1", "w2", true);

    /// <summary>Fast settings for in-memory tests.</summary>
    public static RemoteSettings Settings(int window = 16) => new()
    {
        BufferCapacity = window,
        PingInterval = TimeSpan.FromMilliseconds(100),
        DemandRedeliveryInterval = TimeSpan.FromMilliseconds(200),
        FinalTerminationDeadline = TimeSpan.FromSeconds(3),
        HandshakeTimeout = TimeSpan.FromSeconds(3),
    };

    public static DataChunkCodec Codec(RemoteSettings settings) => new(settings.Wire, ValueCodecRegistry.Default);

    /// <summary>
    /// Two connected in-memory duplex pipes: (sender side, receiver side). Like a socket, a pipe pauses its writer at
    /// 64 KiB unread, unless <paramref name="unbounded"/>: a frame larger than that needs the room to arrive whole.
    /// </summary>
    public static (IDuplexPipe Sender, IDuplexPipe Receiver) PipePair(bool unbounded = false)
    {
        var options = unbounded ? new PipeOptions(pauseWriterThreshold: 0) : PipeOptions.Default;
        var toReceiver = new Pipe(options);
        var toSender = new Pipe(options);
        return (new DuplexPipe(toSender.Reader, toReceiver.Writer), new DuplexPipe(toReceiver.Reader, toSender.Writer));
    }

    public static FrameConnection Connection(IDuplexPipe pipe, RemoteSettings settings, string peer) =>
        new(pipe, peer, Codec(settings), settings, TimeProvider.System);

    public static DataChunk Element(int i) => new DataChunk().Add("i", i);

    /// <summary>Waits for a task with a generous timeout so a hang fails the test instead of the run.</summary>
    public static Task WithTimeout(this Task task, int seconds = 20) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Waits for a task with a generous timeout.</summary>
    public static Task<T> WithTimeout<T>(this Task<T> task, int seconds = 20) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="seconds"/>, since a loaded machine only delays it.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"the condition did not hold within {seconds} s");
            await Task.Delay(5);
        }
    }

    /// <summary>Reads every element of a channel until it completes.</summary>
    public static async Task<List<DataChunk>> DrainAsync(EdgeChannel channel, int delayMs = 0)
    {
        var list = new List<DataChunk>();
        while (await channel.WaitToReadAsync(CancellationToken.None))
        {
            while (channel.TryRead(out var chunk))
            {
                list.Add(chunk);
                if (delayMs > 0)
                {
                    await Task.Delay(delayMs);
                }
            }
        }

        return list;
    }

    /// <summary>Copies every frame the partner sends into a channel, payloads copied out.</summary>
    public static async Task TapAsync(PipeReader input, WireSettings settings, ChannelWriter<RawFrame> frames, CancellationToken cancellationToken = default)
    {
        using var reader = new FrameReader(settings);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                while (reader.TryReadFrame(ref buffer, out var frame))
                {
                    frames.TryWrite(new RawFrame(frame.Type, frame.Sequence, frame.Payload.ToArray(), Environment.CurrentManagedThreadId));
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            frames.TryComplete();
        }
    }

    /// <summary>A frame as read, with the thread it was read on (the sending thread when the pipe's reader runs inline).</summary>
    public sealed record RawFrame(FrameType Type, long Sequence, byte[] Payload, int Thread)
    {
        public long Int64 => BitConverter.ToInt64(Payload);
    }

    public sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>Captures formatted log lines.</summary>
    public sealed class ListLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Lines { get; } = new();

        public IEnumerable<string> Messages => Lines.Select(l => l.Message);

        public ILogger CreateLogger(string categoryName) => new ListLogger(Lines);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<(int, LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
