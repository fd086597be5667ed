using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Chimera.Remote;
using Chimera.Runtime;
using Chimera.Wire;
using Xunit.Abstractions;
using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Remote;

/// <summary>Two data planes joined over real loopback sockets, as two workers on one machine.</summary>
public sealed class DataPlaneLoopbackTests(ITestOutputHelper output)
{
    private readonly ListLoggerFactory _log = new();

    [Fact]
    [Trait("Category", "Integration")]
    public async Task MillionSmallElements_ArriveExactlyOnceAndInOrder()
    {
        const int count = 1_000_000;
        var settings = RemoteTestKit.Settings(window: 1024);
        var edge = Edge(capacity: 1024);
        await using var pair = await Pair.StartAsync(settings, edge, _log);
        var stopwatch = Stopwatch.StartNew();
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var bytes = new byte[16];
                BinaryPrimitives.WriteInt64LittleEndian(bytes, i);
                await pair.Source.WriteAsync(new DataChunk().Add("b", bytes), CancellationToken.None);
            }

            pair.Source.Complete();
        });

        long next = 0;
        while (await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout(60))
        {
            while (pair.Target.TryRead(out var chunk))
            {
                Assert.Equal(next++, BinaryPrimitives.ReadInt64LittleEndian(chunk.Get<byte[]>("b")));
            }
        }

        stopwatch.Stop();
        await producing;
        await pair.Sent.Completion.WithTimeout();
        await pair.Received.Completion.WithTimeout();
        Assert.Equal(count, next);
        Assert.Equal(count, pair.Sent.Metrics().ElementsSent);
        Assert.Equal(count, pair.Received.Metrics().ElementsReceived);
        Assert.Equal(pair.Sent.Metrics().BytesSent, pair.Received.Metrics().BytesReceived);
        output.WriteLine($"{count:N0} elements in {stopwatch.Elapsed.TotalSeconds:0.00} s = {count / stopwatch.Elapsed.TotalSeconds:N0} elements/s; {pair.Sent.Metrics().BytesSent / stopwatch.Elapsed.TotalSeconds / 1e6:0.0} MB/s");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task LargeElements_ArriveIntact()
    {
        const int count = 200;
        const int size = 6 * 1024 * 1024;
        var settings = RemoteTestKit.Settings(window: 4);
        var edge = Edge(capacity: 2);
        await using var pair = await Pair.StartAsync(settings, edge, _log);
        var expected = new string[count];
        var stopwatch = Stopwatch.StartNew();
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var bytes = new byte[size];
                new Random(i).NextBytes(bytes.AsSpan(0, 4096));
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(size - 4), i);
                expected[i] = Convert.ToHexString(SHA256.HashData(bytes));
                await pair.Source.WriteAsync(new DataChunk().Add("frame", bytes).Add("i", i), CancellationToken.None);
            }

            pair.Source.Complete();
        });

        var received = 0;
        while (await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout(120))
        {
            while (pair.Target.TryRead(out var chunk))
            {
                var i = chunk.Get<int>("i");
                Assert.Equal(received, i);
                var bytes = chunk.Get<byte[]>("frame");
                Assert.Equal(size, bytes.Length);
                Assert.Equal(expected[i], Convert.ToHexString(SHA256.HashData(bytes)));
                received++;
            }
        }

        stopwatch.Stop();
        await producing;
        await pair.Sent.Completion.WithTimeout();
        await pair.Received.Completion.WithTimeout();
        Assert.Equal(count, received);
        output.WriteLine($"{count} x 6 MiB in {stopwatch.Elapsed.TotalSeconds:0.00} s = {(double)count * size / stopwatch.Elapsed.TotalSeconds / 1e6:0} MB/s");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task WriteToSocketOff_SendsThroughThePipe_AndLargeValuesStillArrive()
    {
        var settings = RemoteTestKit.Settings(window: 4);
        settings.WriteToSocket = false;
        await using var pair = await Pair.StartAsync(settings, Edge(capacity: 2), _log);
        var blob = new byte[3_000_000];
        new Random(5).NextBytes(blob);

        for (var i = 0; i < 5; i++)
        {
            await pair.Source.WriteAsync(new DataChunk().Add("blob", blob), CancellationToken.None);
        }

        pair.Source.Complete();
        var received = await DrainAsync(pair.Target).WithTimeout(60);

        Assert.All(received, chunk => Assert.Equal(blob, chunk.Get<byte[]>("blob")));
        Assert.Equal(5, received.Count);
        Assert.DoesNotContain(_log.Lines, line => line.EventId == 5010);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LargeLastValues_ReceivedStraightIntoTheirArrays_ArriveIntact(bool tls)
    {
        // The value is the chunk's last record, so its bytes go from the socket (or the TLS stream) into the array the
        // chunk will hold.
        const int count = 40;
        const int size = 6 * 1024 * 1024;
        var settings = RemoteTestKit.Settings(window: 4);
        var pfx = tls ? Cluster.TlsTests.SelfSignedPfx() : null;
        var certificate = Chimera.Cluster.Security.ClusterCertificate.Load(pfx, "pw");
        if (pfx is not null)
        {
            File.Delete(pfx);
        }

        await using var pair = await Pair.StartAsync(settings, Edge(capacity: 2), _log, certificate: certificate);
        var expected = new string[count];
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var bytes = new byte[size + (i * 4097)];
                new Random(i).NextBytes(bytes);
                expected[i] = Convert.ToHexString(SHA256.HashData(bytes));
                await pair.Source.WriteAsync(new DataChunk().Add("i", i).Add("frame", bytes), CancellationToken.None);
            }

            pair.Source.Complete();
        });

        var received = 0;
        while (await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout(120))
        {
            while (pair.Target.TryRead(out var chunk))
            {
                Assert.Equal(received, chunk.Get<int>("i"));
                Assert.Equal(expected[received], Convert.ToHexString(SHA256.HashData(chunk.Get<byte[]>("frame"))));
                received++;
            }
        }

        await producing;
        await pair.Received.Completion.WithTimeout();
        Assert.Equal(count, received);
        Assert.Equal(pair.Sent.Metrics().BytesSent, pair.Received.Metrics().BytesReceived);

        // On a plain connection the sender writes the arrays to its socket itself, not through Kestrel's pipe; on a TLS
        // connection the socket carries the encrypted stream, so the pipe stays.
        Assert.Equal(!tls, _log.Lines.Any(line => line.EventId == 5010));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task MixedLargeAndSmallElements_AcrossDirectAndPipedReads_ArriveIntactAndInOrder()
    {
        // Every switch between bytes received straight into a value and bytes read through the pipe: values placed or
        // assembled whole, of odd sizes, between small elements that batch, over a window that keeps the socket busy.
        const int count = 300;
        await using var pair = await Pair.StartAsync(RemoteTestKit.Settings(window: 16), Edge(capacity: 8), _log);
        var expected = new string[count];
        var producing = Task.Run(async () =>
        {
            var random = new Random(42);
            for (var i = 0; i < count; i++)
            {
                var chunk = new DataChunk().Add("i", i);
                switch (random.Next(5))
                {
                    case 0:
                        var blob = new byte[random.Next(100_000, 3_000_000)];
                        random.NextBytes(blob);
                        chunk.Add("blob", blob);
                        break;
                    case 1:
                        var samples = new float[random.Next(30_000, 700_000)];
                        samples.AsSpan().Fill(i);
                        chunk.Add("samples", samples);
                        break;
                    case 2:
                        var first = new byte[random.Next(1_100_000, 2_000_000)];
                        random.NextBytes(first);
                        chunk.Add("first", first).Add("after", "not last, so assembled whole");
                        break;
                    case 3:
                        chunk.Add("text", new string((char)('a' + (i % 26)), random.Next(50_000, 400_000)));
                        break;
                }

                expected[i] = Fingerprint(chunk);
                await pair.Source.WriteAsync(chunk, CancellationToken.None);
            }

            pair.Source.Complete();
        });

        var received = 0;
        while (await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout(120))
        {
            while (pair.Target.TryRead(out var chunk))
            {
                Assert.Equal(received, chunk.Get<int>("i"));
                Assert.Equal(expected[received], Fingerprint(chunk));
                received++;
            }
        }

        await producing;
        await pair.Received.Completion.WithTimeout();
        Assert.Equal(count, received);
        Assert.Equal(pair.Sent.Metrics().BytesSent, pair.Received.Metrics().BytesReceived);
    }

    /// <summary>The chunk's record names and a hash of each value, for comparing what arrived with what was sent.</summary>
    private static string Fingerprint(DataChunk chunk) => string.Join(
        ";",
        chunk.Records.Values.Select(record => record.Name + "=" + Convert.ToHexString(SHA256.HashData(record.Value switch
        {
            byte[] bytes => bytes,
            float[] floats => System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()).ToArray(),
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            int number => BitConverter.GetBytes(number),
            var other => throw new InvalidOperationException($"unexpected {other?.GetType()}"),
        }))));

    [Fact]
    [Trait("Category", "Integration")]
    public async Task RawFrames_ReceivedIntoPooledFrames_ArriveIntact()
    {
        // Raw pixels stream from the sender's frame into the transport, and into the pooled buffer of the receiver's.
        const int count = 20;
        var raw = new Dictionary<string, string> { ["codec"] = "raw" };
        await using var pair = await Pair.StartAsync(RemoteTestKit.Settings(window: 4), Edge(capacity: 2), _log);
        var expected = new string[count];
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var image = new Chimera.Media.ImageFrame(1920, 1080, Chimera.Media.PixelFormat.Rgb24);
                new Random(i).NextBytes(image.Pixels);
                expected[i] = Convert.ToHexString(SHA256.HashData(image.Pixels));
                await pair.Source.WriteAsync(new DataChunk().Add("i", i).Add("frame", image, ContentType.Image, raw), CancellationToken.None);
            }

            pair.Source.Complete();
        });

        var received = 0;
        while (await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout(120))
        {
            while (pair.Target.TryRead(out var chunk))
            {
                Assert.Equal(received, chunk.Get<int>("i"));
                using var frame = chunk.Get<Chimera.Media.ImageFrame>("frame");
                Assert.Equal((1920, 1080, Chimera.Media.PixelFormat.Rgb24), (frame.Width, frame.Height, frame.Format));
                Assert.Equal(expected[received], Convert.ToHexString(SHA256.HashData(frame.Pixels)));
                received++;
            }
        }

        await producing;
        await pair.Received.Completion.WithTimeout();
        Assert.Equal(count, received);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("raw", 1920, 1080)]
    [InlineData("jpeg", 640, 480)]
    public async Task FramesDisposedAsSoonAsPublished_ArriveWithTheirOwnPixels(string codec, int width, int height)
    {
        // The producer disposes each frame right after publishing it, as a local branch of a fan-out may, and at once
        // rents a frame of the same size (from the pool, so most likely the same buffer) and scribbles over it. The edge
        // holds each frame until its pixels are sent, so none of the scribbles reaches the other side.
        const int count = 24;
        var options = new Dictionary<string, string> { ["codec"] = codec };
        await using var pair = await Pair.StartAsync(RemoteTestKit.Settings(window: 4), Edge(capacity: 2), _log);
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var image = new Chimera.Media.ImageFrame(width, height, Chimera.Media.PixelFormat.Rgb24);
                image.Pixels.Fill(Shade(i));
                await pair.Source.WriteAsync(new DataChunk().Add("i", i).Add("frame", image, ContentType.Image, options), CancellationToken.None);
                image.Dispose();
                using var scribble = new Chimera.Media.ImageFrame(width, height, Chimera.Media.PixelFormat.Rgb24);
                scribble.Pixels.Fill(0xEE);
            }

            pair.Source.Complete();
        });

        var received = 0;
        while (await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout(120))
        {
            while (pair.Target.TryRead(out var chunk))
            {
                Assert.Equal(received, chunk.Get<int>("i"));
                using var frame = chunk.Get<Chimera.Media.ImageFrame>("frame");
                var expected = Shade(received);
                var tolerance = codec == "raw" ? 0 : 3;
                var worst = 0;
                foreach (var value in frame.Pixels)
                {
                    worst = Math.Max(worst, Math.Abs(value - expected));
                }

                Assert.True(worst <= tolerance, $"frame {received}: a pixel is {worst} away from {expected} (a scribble is 0xEE)");
                received++;
            }
        }

        await producing;
        await pair.Received.Completion.WithTimeout();
        Assert.Equal(count, received);

        static byte Shade(int i) => (byte)(16 + (i * 37 % 200));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Backpressure_SlowConsumer_BlocksTheProducerWithBoundedBuffers()
    {
        var settings = RemoteTestKit.Settings(window: 16);
        var edge = Edge(capacity: 8);
        await using var pair = await Pair.StartAsync(settings, edge, _log);
        long produced = 0;
        using var stop = new CancellationTokenSource();
        var producing = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    await pair.Source.WriteAsync(new DataChunk().Add("b", new byte[1024]), stop.Token);
                    Interlocked.Increment(ref produced);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var consumed = 0;
        for (var n = 0; n < 50; n++)
        {
            await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout();
            Assert.True(pair.Target.TryRead(out _));
            consumed++;
            await Task.Delay(20);
        }

        // Let the pipeline back up behind the stopped consumer: the target full (at least half), all credit used, the
        // producer blocked on a source at least half full. Polling, so a loaded machine only makes it slower.
        var settle = Stopwatch.StartNew();
        while ((pair.Sent.Metrics().CreditOutstanding != 0 || pair.Source.QueueDepth < 8 / 2 || pair.Target.QueueDepth < 8 / 2)
            && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await Task.Delay(200);
        var inFlight = Interlocked.Read(ref produced) - consumed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"produced {produced}, consumed {consumed}, in flight {inFlight}, heap growth {(after - before) / 1024} KiB");

        // Source buffer + credit window + target buffer, plus one element in the sender's hand and one in delivery. A
        // writer blocked on a full buffer (the producer on the source, the delivery loop on the target) is released
        // only when half of it is free, so each buffer holds between half and all of its capacity.
        Assert.InRange(inFlight, (8 / 2) + 16 + (8 / 2) - 2, 8 + 16 + 8 + 2);
        Assert.InRange(pair.Source.QueueDepth, 8 / 2, 8);
        Assert.InRange(pair.Target.QueueDepth, 8 / 2, 8);
        Assert.False(producing.IsCompleted, "The producer is blocked on the full source channel.");
        Assert.Equal(0, pair.Sent.Metrics().CreditOutstanding);
        // The heap growth is only printed: the heap is the whole test process's, and other test classes (the 6 MB
        // element tests among them) run in parallel; the in-flight counts above are the precise bound.
        await stop.CancelAsync();
        await producing.WithTimeout();
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task InlineDelivery_ReaderBlocksOnTheReceiveThreadPastTheSilenceDeadline_EdgeStaysUp()
    {
        var settings = RemoteTestKit.Settings(window: 16);
        // A deadline well above the stalls a loaded test process shows (first-call compilation of these paths under
        // contention has held a loop for 0.7 s), and a step three times as long.
        settings.FinalTerminationDeadline = TimeSpan.FromMilliseconds(1500);
        settings.InlineAfterIdle = TimeSpan.FromMilliseconds(1);
        await using var pair = await Pair.StartAsync(settings, Edge(capacity: 8), _log);
        string? firstThread = null;
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consuming = Task.Run(async () =>
        {
            var taken = 0;
            var readable = pair.Target.WaitToReadAsync(CancellationToken.None);
            waiting.SetResult();
            while (await readable.ConfigureAwait(false))
            {
                while (pair.Target.TryRead(out _))
                {
                    if (++taken == 1)
                    {
                        // A node's step that blocks for three silence deadlines on the receive thread. Never on a pool
                        // thread: that would starve this process's other loops, which is not what is tested here.
                        firstThread = Thread.CurrentThread.Name;
                        if (firstThread?.StartsWith("chimera-recv", StringComparison.Ordinal) == true)
                        {
                            Thread.Sleep(4500);
                        }
                    }
                }

                readable = pair.Target.WaitToReadAsync(CancellationToken.None);
            }

            return taken;
        });

        // The reader has been waiting well past inline-after-idle when the first element arrives.
        await waiting.Task.WithTimeout();
        await Task.Delay(100);
        for (var i = 0; i < 6; i++)
        {
            await pair.Source.WriteAsync(new DataChunk().Add("b", new byte[16]), CancellationToken.None);
        }

        pair.Source.Complete();
        Assert.Equal(6, await consuming.WithTimeout());
        await pair.Received.Completion.WithTimeout();
        await pair.Sent.Completion.WithTimeout();
        Assert.StartsWith("chimera-recv", firstThread, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task InlineDelivery_ANodeWhoseStepsAreSlow_MostlyStepsOffTheReceiveThread()
    {
        var settings = RemoteTestKit.Settings(window: 16);
        settings.InlineAfterIdle = TimeSpan.FromMilliseconds(1);
        await using var pair = await Pair.StartAsync(settings, Edge(capacity: 8), _log);
        var threads = new List<string?>();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consuming = Task.Run(async () =>
        {
            var readable = pair.Target.WaitToReadAsync(CancellationToken.None);
            waiting.SetResult();
            while (await readable.ConfigureAwait(false))
            {
                while (pair.Target.TryRead(out _))
                {
                    // A step of 20 ms, twenty times the idle time that lets a step run on the receive thread.
                    threads.Add(Thread.CurrentThread.Name);
                    Thread.Sleep(20);
                }

                readable = pair.Target.WaitToReadAsync(CancellationToken.None);
            }
        });

        // One element at a time, each after the node has been idle well past inline-after-idle.
        await waiting.Task.WithTimeout();
        for (var i = 0; i < 12; i++)
        {
            await Task.Delay(40);
            await pair.Source.WriteAsync(new DataChunk().Add("b", new byte[16]), CancellationToken.None);
        }

        pair.Source.Complete();
        await consuming.WithTimeout();
        var onReceiveThread = threads.Count(t => t?.StartsWith("chimera-recv", StringComparison.Ordinal) == true);

        // The first step runs inline (the node was idle); each slow one sends the next 1, 2, 4, … through the pool, so
        // steps 1, 3, 6 and 11 run inline. A loaded machine may find the node still busy when a timed delivery comes,
        // which counts as quick and allows an extra inline step or two; without the backoff all 12 run inline.
        Assert.Equal(12, threads.Count);
        Assert.InRange(onReceiveThread, 1, 6);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task InlineDelivery_ABusyEdgeIntoANodeWithShortSteps_MostlyStepsOnTheReceiveThread()
    {
        const int count = 20_000;
        // The default idle time (200 µs): a busy edge's node never waits that long, yet it should step on the receive
        // thread whenever it waits at all, rather than on a pool thread beside it.
        var settings = RemoteTestKit.Settings(window: 1024);
        await using var pair = await Pair.StartAsync(settings, Edge(capacity: 64), _log);
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await pair.Source.WriteAsync(Element(i), CancellationToken.None);
            }

            pair.Source.Complete();
        });
        var consuming = Task.Run(async () =>
        {
            var (taken, onReceiveThread) = (0, 0);
            while (await pair.Target.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (pair.Target.TryRead(out _))
                {
                    taken++;
                    onReceiveThread += Thread.CurrentThread.Name?.StartsWith("chimera-recv", StringComparison.Ordinal) == true ? 1 : 0;
                }
            }

            return (taken, onReceiveThread);
        });

        await producing.WithTimeout();
        var (taken, onReceiveThread) = await consuming.WithTimeout();
        await pair.Received.Completion.WithTimeout();

        // Elements taken while the node was busy on the thread it resumed on (the first, before anything arrived, or
        // one after a delivery it could not keep up with) are taken off the receive thread; nearly all are taken on it.
        Assert.Equal(count, taken);
        Assert.True(onReceiveThread >= count * 8 / 10, $"{onReceiveThread} of {count} elements were taken on the receive thread.");
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(OverflowPolicy.DropOldest, 4)]
    [InlineData(OverflowPolicy.Latest, 1)]
    public async Task DroppingPolicies_SlowConsumer_DropOnTheReceivingSideAndCountsAddUp(OverflowPolicy policy, int capacity)
    {
        const int count = 2000;
        var settings = RemoteTestKit.Settings(window: 64);
        var edge = Edge(capacity: capacity, overflow: policy);
        await using var pair = await Pair.StartAsync(settings, edge, _log);
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await pair.Source.WriteAsync(Element(i), CancellationToken.None);
            }

            pair.Source.Complete();
        });

        var received = await DrainAsync(pair.Target, delayMs: 1).WithTimeout(60);
        await producing;
        await pair.Received.Completion.WithTimeout();
        await pair.Sent.Completion.WithTimeout();

        var sent = pair.Sent.Metrics();
        var got = pair.Received.Metrics();
        Assert.Equal(count, sent.ElementsSent);
        Assert.Equal(count, got.ElementsReceived);
        Assert.Equal(count, pair.Target.Sent);
        Assert.True(got.Dropped > 0, "A slow consumer behind drop-oldest loses elements.");
        Assert.Equal(pair.Target.Dropped, got.Dropped);
        Assert.Equal(count, received.Count + got.Dropped);
        Assert.Equal(count - 1, received[^1].Get<int>("i"));
        Assert.Equal(received.Select(c => c.Get<int>("i")).Order(), received.Select(c => c.Get<int>("i")));
        output.WriteLine($"received {received.Count}, dropped {got.Dropped}");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SenderKilledAbruptly_FailsTheReceiverWithinTheDeadline()
    {
        var settings = RemoteTestKit.Settings();
        settings.FinalTerminationDeadline = TimeSpan.FromSeconds(1);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = listener.LocalEndpoint.ToString()!;
        var fakeSender = Task.Run(async () =>
        {
            var socket = await listener.AcceptSocketAsync();
            var connection = new FrameConnection(new SocketPipe(socket), "w2", Codec(settings), settings);
            await StreamHandshake.AcceptAsync(connection, null, true, _ => null, CancellationToken.None);
            for (var i = 0; i < 3; i++)
            {
                connection.Writer.WriteData(connection.Output, i, Element(i));
            }

            await connection.FlushAsync(CancellationToken.None);
            await Task.Delay(200);
            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
        });
        await using var plane = new DataPlane("w2", settings, null, _log);
        var target = new EdgeChannel(Edge());
        var handle = await plane.ConnectAsync(RunId, Edge(), endpoint, target, CancellationToken.None).WithTimeout();
        await fakeSender.WithTimeout();
        var killed = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => handle.Completion).WithTimeout();
        killed.Stop();

        Assert.StartsWith($"Edge 'a -> b' of run run-1 (peer {endpoint}, worker 'w2'): ", error.Message);
        Assert.InRange(killed.Elapsed, TimeSpan.Zero, settings.FinalTerminationDeadline + TimeSpan.FromSeconds(1));
        Assert.Equal(3, handle.Metrics().ElementsReceived);
        await Assert.ThrowsAsync<RemoteEdgeException>(() => DrainAsync(target));
        output.WriteLine(error.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task ReceiverKilledDuringLargeWritesOnTheSocket_FailsTheSenderAndReleasesItsProducer()
    {
        // The sender writes 6 MB arrays to its socket itself (no TLS); a receiver that resets the connection mid-array
        // must fail the edge with its name, not leave the sender writing or its producer waiting.
        var settings = RemoteTestKit.Settings(window: 4);
        await using var pair = await Pair.StartAsync(settings, Edge(capacity: 2), _log, connect: false);
        var producing = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < 1000; i++)
                {
                    await pair.Source.WriteAsync(new DataChunk().Add("frame", new byte[6_000_000]), CancellationToken.None);
                }
            }
            catch (System.Threading.Channels.ChannelClosedException closed) when (closed.InnerException is RemoteEdgeException)
            {
                // Released: the failed edge completed the source with its error.
            }
        });
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var (host, port) = Split(pair.Endpoint);
        await socket.ConnectAsync(host, port);
        var transport = new RemoteTestKit.DuplexPipe(PipeReader.Create(new NetworkStream(socket)), PipeWriter.Create(new NetworkStream(socket)));
        var connection = new FrameConnection(transport, "w1", Codec(settings), settings);
        await StreamHandshake.ConnectAsync(connection, null, "w2", RunId, "a -> b", CancellationToken.None).WithTimeout();
        connection.Writer.WriteDemand(connection.Output, 4);
        await connection.FlushAsync(CancellationToken.None);

        // Take some of the first array, then reset the connection in the middle of it.
        long taken = 0;
        while (taken < 2_000_000)
        {
            var read = await transport.Input.ReadAsync().AsTask().WithTimeout();
            taken += read.Buffer.Length;
            transport.Input.AdvanceTo(read.Buffer.End);
        }

        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
        await connection.DisposeAsync();

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => pair.Sent.Completion).WithTimeout();
        await producing.WithTimeout();

        Assert.Contains("a -> b", error.Message, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, line => line.EventId == 5010);
        output.WriteLine(error.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task GarbageHandshake_IsRefusedAndLogged_AndTheListenerKeepsServing()
    {
        var settings = RemoteTestKit.Settings();
        await using var pair = await Pair.StartAsync(settings, Edge(), _log, connect: false);
        var (host, port) = Split(pair.Endpoint);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(host, port);
            var stream = client.GetStream();
            await stream.WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            var buffer = new byte[64];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.Equal(0, await stream.ReadAsync(buffer, timeout.Token)); // the server closed the connection
        }

        Assert.Contains(_log.Lines, l => l.EventId == 5008 && l.Message.Contains("127.0.0.1:", StringComparison.Ordinal) && l.Message.Contains("magic byte", StringComparison.Ordinal));
        await pair.ConnectAsync();
        await pair.Source.WriteAsync(Element(7), CancellationToken.None);
        pair.Source.Complete();
        Assert.Equal(7, (await DrainAsync(pair.Target).WithTimeout()).Single().Get<int>("i"));
        await pair.Received.Completion.WithTimeout();
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Connect_WithTheWrongSecret_ThrowsTheRefusalAndCompletesTheTarget()
    {
        var settings = RemoteTestKit.Settings();
        await using var sender = new DataPlane("w1", settings, ClusterSecretAuthenticator.For("right"), _log);
        await using var receiver = new DataPlane("w2", settings, ClusterSecretAuthenticator.For("wrong"), _log);
        var endpoint = await sender.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        sender.Offer(RunId, Edge(), new EdgeChannel(Edge()));
        var target = new EdgeChannel(Edge());

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => receiver.ConnectAsync(RunId, Edge(), endpoint, target, CancellationToken.None)).WithTimeout();

        Assert.Equal($"Edge 'a -> b' of run run-1: the sender at {endpoint} refused worker 'w2': wrong secret: the HMAC proof does not match; give every worker the same cluster secret.", error.Message);
        Assert.Equal(endpoint, error.Peer);
        Assert.True(target.IsCompleted);
        Assert.Contains(_log.Lines, l => l.EventId == 5001 && l.Message.Contains("127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Connect_WhenNothingListens_ThrowsNamingTheEdgeAndTheEndpoint()
    {
        await using var receiver = new DataPlane("w2", RemoteTestKit.Settings(), null, _log);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var endpoint = probe.LocalEndpoint.ToString()!;
        probe.Stop();

        var error = await Assert.ThrowsAsync<RemoteEdgeException>(() => receiver.ConnectAsync(RunId, Edge(), endpoint, new EdgeChannel(Edge()), CancellationToken.None)).WithTimeout();

        Assert.StartsWith($"Edge 'a -> b' of run run-1 (peer {endpoint}, worker 'w2'): could not connect to the sender: ", error.Message);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Withdraw_WhileStreaming_StopsBothEndsAndAwaitsEverything()
    {
        var settings = RemoteTestKit.Settings();
        await using var pair = await Pair.StartAsync(settings, Edge(), _log);
        await pair.Source.WriteAsync(Element(1), CancellationToken.None);
        await pair.Target.WaitToReadAsync(CancellationToken.None).AsTask().WithTimeout();

        await pair.WithdrawAsync().WithTimeout();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pair.Received.Completion);
        await Assert.ThrowsAnyAsync<Exception>(() => pair.Sent.Completion);
        Assert.True(pair.Target.IsCompleted || pair.Target.QueueDepth > 0);
    }

    private static (string Host, int Port) Split(string endpoint)
    {
        var ip = IPEndPoint.Parse(endpoint);
        return (ip.Address.ToString(), ip.Port);
    }

    /// <summary>A sending plane (w1, listening) and a receiving plane (w2) with one edge between them.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private readonly DataPlane _sender;
        private readonly DataPlane _receiver;
        private readonly BlueprintEdge _edge;

        private Pair(DataPlane sender, DataPlane receiver, BlueprintEdge edge, string endpoint)
        {
            _sender = sender;
            _receiver = receiver;
            _edge = edge;
            Endpoint = endpoint;
            Source = new EdgeChannel(edge with { Overflow = OverflowPolicy.Backpressure, Capacity = Math.Max(edge.Capacity, 1) }) { HoldsFrames = true };
            Target = new EdgeChannel(edge);
            Sent = sender.Offer(RunId, edge, Source);
        }

        public string Endpoint { get; }

        public EdgeChannel Source { get; }

        public EdgeChannel Target { get; }

        public RemoteEdgeHandle Sent { get; }

        public RemoteEdgeHandle Received { get; private set; } = null!;

        public static async Task<Pair> StartAsync(RemoteSettings settings, BlueprintEdge edge, ListLoggerFactory log, bool connect = true, Chimera.Cluster.Security.ClusterCertificate? certificate = null)
        {
            var sender = new DataPlane("w1", settings, null, log) { Certificate = certificate };
            var receiver = new DataPlane("w2", settings, null, log) { Certificate = certificate };
            var endpoint = await sender.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
            var pair = new Pair(sender, receiver, edge, endpoint);
            if (connect)
            {
                await pair.ConnectAsync();
            }

            return pair;
        }

        public async Task ConnectAsync() =>
            Received = await _receiver.ConnectAsync(RunId, _edge, Endpoint, Target, CancellationToken.None).WithTimeout();

        public async Task WithdrawAsync()
        {
            await _receiver.WithdrawAsync(RunId);
            await _sender.WithdrawAsync(RunId);
        }

        public async ValueTask DisposeAsync()
        {
            await WithdrawAsync().WithTimeout();
            await _receiver.DisposeAsync();
            await _sender.DisposeAsync();
        }
    }
}
