using System.Runtime.InteropServices;
using System.Threading.Channels;
using Chimera.Runtime;
using Chimera.Tests.Remote;
using static Chimera.Tests.Runtime.TestEdgeChannels;

namespace Chimera.Tests.Runtime;

/// <summary>The in-process edge buffer: bounds, hysteresis, drops, completion and the reader's reusable wait.</summary>
public sealed class EdgeChannelTests
{
    [Fact]
    public async Task Write_WhenFull_WaitsUntilHalfTheBufferIsFree()
    {
        var edge = Channel(capacity: 8);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(edge.TryWrite(Chunk(i)));
        }

        Assert.False(edge.TryWrite(Chunk(8)));
        var blocked = edge.WriteAsync(Chunk(8), CancellationToken.None).AsTask();
        for (var taken = 1; taken <= 3; taken++)
        {
            Assert.True(edge.TryRead(out _));
            await Task.Delay(20);
            Assert.False(blocked.IsCompleted, $"released after {taken} of 8 were taken; it should wait for 4");
        }

        Assert.True(edge.TryRead(out _));
        await blocked.WithTimeout();
        Assert.Equal(5, edge.QueueDepth);
        Assert.Equal(9, edge.Sent);
        Assert.Equal(4, edge.Received);
    }

    [Fact]
    public async Task Write_WhenCapacityIsOne_ResumesAsSoonAsTheElementIsTaken()
    {
        var edge = Channel(capacity: 1);
        Assert.True(edge.TryWrite(Chunk(0)));
        var blocked = edge.WriteAsync(Chunk(1), CancellationToken.None).AsTask();
        Assert.False(blocked.IsCompleted);

        Assert.True(edge.TryRead(out var first));
        await blocked.WithTimeout();

        Assert.Equal(0, first.Get<int>());
        Assert.True(edge.TryRead(out var second));
        Assert.Equal(1, second.Get<int>());
    }

    [Fact]
    public async Task WaitToWrite_ReturnsAsSoonAsAnyRoomIsFree()
    {
        var edge = Channel(capacity: 8);
        for (var i = 0; i < 8; i++)
        {
            edge.TryWrite(Chunk(i));
        }

        var observed = edge.WaitToWriteAsync(CancellationToken.None).AsTask();
        Assert.False(observed.IsCompleted);
        Assert.True(edge.TryRead(out _));

        Assert.True(await observed.WithTimeout());
    }

    [Theory]
    [InlineData(OverflowPolicy.DropOldest, 3, new[] { 7, 8, 9 })]
    [InlineData(OverflowPolicy.Latest, 3, new[] { 9 })]
    public void TryWrite_UnderADroppingPolicy_DropsTheOldestAndCountsIt(OverflowPolicy policy, int capacity, int[] kept)
    {
        var edge = Channel(capacity, policy);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(edge.TryWrite(Chunk(i)));
        }

        var read = new List<int>();
        while (edge.TryRead(out var chunk))
        {
            read.Add(chunk.Get<int>());
        }

        Assert.Equal(kept, read);
        Assert.Equal(10, edge.Sent);
        Assert.Equal(10 - kept.Length, edge.Dropped);
        Assert.Equal(kept.Length, edge.Received);
    }

    [Fact]
    public async Task WaitToRead_WakesOnEveryWrite_ReusingOneWait()
    {
        var edge = Channel(capacity: 4);
        var reader = Task.Run(async () =>
        {
            var sum = 0;
            while (await edge.WaitToReadAsync(CancellationToken.None))
            {
                while (edge.TryRead(out var chunk))
                {
                    sum += chunk.Get<int>();
                }
            }

            return sum;
        });

        for (var i = 1; i <= 200; i++)
        {
            await edge.WriteAsync(Chunk(i), CancellationToken.None);
            if (i % 10 == 0)
            {
                await Task.Delay(1);
            }
        }

        edge.Complete();
        Assert.Equal(200 * 201 / 2, await reader.WithTimeout());
        Assert.True(edge.IsCompleted);
    }

    [Fact]
    public async Task WaitToRead_WhenCompletedWithAnError_DrainsFirstThenThrowsIt()
    {
        var edge = Channel(capacity: 4);
        edge.TryWrite(Chunk(1));
        var error = new InvalidOperationException("upstream broke");
        edge.Complete(error);

        Assert.False(edge.IsCompleted, "an element is still buffered");
        Assert.True(await edge.WaitToReadAsync(CancellationToken.None));
        Assert.True(edge.TryRead(out _));
        Assert.True(edge.IsCompleted);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => edge.WaitToReadAsync(CancellationToken.None).AsTask());
        Assert.Same(error, thrown);
    }

    [Fact]
    public async Task WaitToRead_WhenWaitingAndCompleted_ReturnsFalseOrThrows()
    {
        var clean = Channel(capacity: 4);
        var waiting = clean.WaitToReadAsync(CancellationToken.None).AsTask();
        clean.Complete();
        Assert.False(await waiting.WithTimeout());

        var failed = Channel(capacity: 4);
        var failing = failed.WaitToReadAsync(CancellationToken.None).AsTask();
        failed.Complete(new TimeoutException("gone"));
        await Assert.ThrowsAsync<TimeoutException>(() => failing.WithTimeout());
    }

    [Fact]
    public async Task WaitToRead_WhenCancelled_EndsCancelled_AndALaterWaitStillWorks()
    {
        var edge = Channel(capacity: 4);
        using var cts = new CancellationTokenSource();
        var waiting = edge.WaitToReadAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WithTimeout());

        var next = edge.WaitToReadAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        edge.TryWrite(Chunk(5));
        Assert.True(await next.WithTimeout());
    }

    [Fact]
    public async Task Write_WhenTheEdgeCompletesWhileBlocked_ThrowsChannelClosedWithTheCause()
    {
        var edge = Channel(capacity: 1);
        edge.TryWrite(Chunk(0));
        var blocked = edge.WriteAsync(Chunk(1), CancellationToken.None).AsTask();
        var cause = new InvalidOperationException("the sender failed");
        edge.Complete(cause);

        var error = await Assert.ThrowsAsync<ChannelClosedException>(() => blocked.WithTimeout());
        Assert.Same(cause, error.InnerException);
        Assert.False(edge.TryWrite(Chunk(2)));
        Assert.Equal(1, edge.Sent);
    }

    [Fact]
    public async Task Write_WhenCancelledWhileBlocked_ThrowsAndWritesNothing()
    {
        var edge = Channel(capacity: 1);
        edge.TryWrite(Chunk(0));
        using var cts = new CancellationTokenSource();
        var blocked = edge.WriteAsync(Chunk(1), cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WithTimeout());
        Assert.True(edge.TryRead(out _));
        Assert.False(edge.TryRead(out _));
        Assert.Equal(1, edge.Sent);
    }

    [Fact]
    public async Task ManyWriters_OneReader_EveryElementArrivesOnce()
    {
        var edge = Channel(capacity: 16);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                await edge.WriteAsync(Chunk((w * 5_000) + i), CancellationToken.None);
            }
        })).ToArray();
        var seen = new bool[20_000];
        var reader = Task.Run(async () =>
        {
            while (await edge.WaitToReadAsync(CancellationToken.None))
            {
                while (edge.TryRead(out var chunk))
                {
                    var value = chunk.Get<int>();
                    Assert.False(seen[value], $"element {value} arrived twice");
                    seen[value] = true;
                }
            }
        });

        await Task.WhenAll(writers).WithTimeout();
        edge.Complete();
        await reader.WithTimeout();
        Assert.All(seen, Assert.True);
        Assert.Equal(20_000, edge.Received);
    }

    [Fact]
    public async Task TryWriteMany_WritesWhatFitsInOrder_AndWakesTheReaderOnce()
    {
        var edge = Channel(capacity: 4);
        var waiting = edge.WaitToReadAsync(CancellationToken.None).AsTask();
        var chunks = Enumerable.Range(0, 6).Select(Chunk).ToList();

        Assert.Equal(4, edge.TryWriteMany(CollectionsMarshal.AsSpan(chunks)[1..6]));
        Assert.True(await waiting.WithTimeout());
        Assert.Equal(0, edge.TryWriteMany(CollectionsMarshal.AsSpan(chunks)[5..6]));
        Assert.Equal(4, edge.QueueDepth);

        var into = new DataChunk[8];
        Assert.Equal(4, edge.TryReadMany(into));
        Assert.Equal([1, 2, 3, 4], into.Take(4).Select(c => c.Get<int>()));
        Assert.Equal(4, edge.Sent);
        Assert.Equal(4, edge.Received);
        Assert.Equal(0, edge.TryReadMany(into));
    }

    [Fact]
    public void TryWriteMany_UnderDropOldest_WritesAllAndCountsTheDrops_AndNothingOnceCompleted()
    {
        var edge = Channel(capacity: 2, OverflowPolicy.DropOldest);
        var chunks = Enumerable.Range(0, 5).Select(Chunk).ToList();

        Assert.Equal(5, edge.TryWriteMany(CollectionsMarshal.AsSpan(chunks)));
        Assert.Equal(3, edge.Dropped);
        var into = new DataChunk[4];
        Assert.Equal(2, edge.TryReadMany(into));
        Assert.Equal([3, 4], into.Take(2).Select(c => c.Get<int>()));

        edge.Complete();
        Assert.Equal(0, edge.TryWriteMany(CollectionsMarshal.AsSpan(chunks)));
    }

    [Fact]
    public async Task TryReadMany_ReleasesABlockedWriterOnceHalfTheBufferIsFree()
    {
        var edge = Channel(capacity: 8);
        for (var i = 0; i < 8; i++)
        {
            edge.TryWrite(Chunk(i));
        }

        var blocked = edge.WriteAsync(Chunk(8), CancellationToken.None).AsTask();
        var into = new DataChunk[3];
        Assert.Equal(3, edge.TryReadMany(into));
        await Task.Delay(20);
        Assert.False(blocked.IsCompleted);

        Assert.Equal(1, edge.TryReadMany(into.AsSpan(0, 1)));
        await blocked.WithTimeout();
    }

    [Fact]
    public async Task Reader_AfterWaitingLongerThanInlineAfterIdle_ContinuesOnTheWritersThread()
    {
        var edge = Channel(capacity: 4);
        edge.InlineReaderAfterIdle = TimeSpan.FromMilliseconds(20);

        var (writer, reader) = await ThreadsOfOneWakeUpAsync(edge);

        Assert.Equal(writer, reader);
    }

    [Fact]
    public async Task Reader_WithoutInlineAfterIdle_NeverContinuesOnTheWritersThread()
    {
        var (writer, reader) = await ThreadsOfOneWakeUpAsync(Channel(capacity: 4));

        Assert.NotEqual(writer, reader);
    }

    /// <summary>
    /// Lets a reader wait at least 100 ms on <paramref name="edge"/>, writes one element from a thread of its own (held 50 ms
    /// after the write, so a pool continuation cannot land on it), and returns both threads' ids.
    /// </summary>
    private static async Task<(int Writer, int Reader)> ThreadsOfOneWakeUpAsync(EdgeChannel edge)
    {
        var readerThread = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(async () =>
        {
            var readable = edge.WaitToReadAsync(CancellationToken.None);
            waiting.SetResult();
            await readable.ConfigureAwait(false);
            readerThread.SetResult(Environment.CurrentManagedThreadId);
        });

        await waiting.Task.WithTimeout();
        await Task.Delay(100);
        var writerThread = await Task.Factory.StartNew(
            () =>
            {
                edge.TryWrite(Chunk(1));
                Thread.Sleep(50);
                return Environment.CurrentManagedThreadId;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var readerId = await readerThread.Task.WithTimeout();
        await reader.WithTimeout();
        return (writerThread, readerId);
    }

    [Fact]
    public async Task Write_OfLargeElements_IsBoundedInBytes_AndResumesAtHalfTheBytes()
    {
        var edge = Channel(capacity: 64, capacityBytes: 10_000);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(edge.TryWrite(Blob(2_000)), $"element {i} of 2000 B should fit in 10000 B");
        }

        Assert.False(edge.TryWrite(Blob(2_000)));
        Assert.Equal((5, 10_000L), (edge.QueueDepth, edge.QueueBytes));
        var blocked = edge.WriteAsync(Blob(2_000), CancellationToken.None).AsTask();
        for (var taken = 1; taken <= 2; taken++)
        {
            Assert.True(edge.TryRead(out _));
            await Task.Delay(20);
            Assert.False(blocked.IsCompleted, $"released with {edge.QueueBytes} B buffered; it should wait for 5000");
        }

        Assert.True(edge.TryRead(out _));
        await blocked.WithTimeout();
        Assert.Equal((3, 6_000L), (edge.QueueDepth, edge.QueueBytes));
    }

    [Fact]
    public void Write_OfOneElementLargerThanTheByteBound_PassesAnEmptyBufferOnly()
    {
        var edge = Channel(capacity: 64, capacityBytes: 1_000);

        Assert.True(edge.TryWrite(Blob(5_000)));
        Assert.False(edge.TryWrite(Blob(1)));
        Assert.True(edge.TryRead(out var big));
        Assert.Equal(5_000, big.Get<byte[]>().Length);
        Assert.Equal(0L, edge.QueueBytes);
        Assert.True(edge.TryWrite(Blob(5_000)));
    }

    [Fact]
    public void Write_OfSmallValues_IsBoundedByTheElementCountAlone()
    {
        var edge = Channel(capacity: 8, capacityBytes: 1);
        for (var i = 0; i < 8; i++)
        {
            Assert.True(edge.TryWrite(Chunk(i)));
        }

        Assert.False(edge.TryWrite(Chunk(8)));
        Assert.Equal(0L, edge.QueueBytes);
    }

    [Fact]
    public void DropOldest_OverTheByteBound_DropsAsManyAsNeededAndCountsThem()
    {
        var edge = Channel(capacity: 64, capacityBytes: 10_000, OverflowPolicy.DropOldest);
        for (var i = 0; i < 5; i++)
        {
            edge.TryWrite(Blob(2_000));
        }

        Assert.True(edge.TryWrite(Blob(5_000)));

        Assert.Equal((3, 9_000L, 3L), (edge.QueueDepth, edge.QueueBytes, edge.Dropped));
    }

    [Fact]
    public void ElementBytes_CountsThePayloadsOfTheValuesThatCanBeLarge()
    {
        using var frame = new Chimera.Media.ImageFrame(4, 2, Chimera.Media.PixelFormat.Rgb24);
        var chunk = DataChunk.Of(new byte[100]);
        chunk.Add("frame", frame);
        chunk.Add("samples", new double[10]);
        chunk.Add("text", "abc");
        chunk.Add("audio", new Chimera.Media.AudioBlock(new float[6], 2, 8000));
        chunk.Add("count", 42L);
        chunk.Add("nothing", null);
        chunk.Add("names", new[] { "a", "b" });

        Assert.Equal(100 + 24 + 80 + 6 + 24, ElementBytes.Of(chunk));
    }

    [Fact]
    public void HoldingChannel_KeepsAWrittenFrameUntilTheReaderReleasesIt()
    {
        var edge = HoldingChannel(capacity: 4);
        var frame = new Chimera.Media.ImageFrame(4, 2, Chimera.Media.PixelFormat.Rgb24);
        Assert.True(edge.TryWrite(DataChunk.Of(frame)));

        frame.Dispose();
        Assert.False(frame.IsDisposed);
        Assert.True(edge.TryRead(out var taken));
        FrameHolds.Release(taken);

        Assert.True(frame.IsDisposed);
    }

    [Fact]
    public void HoldingChannel_FrameAlreadyDisposed_RefusesTheElementNamingRecordEdgeAndWorker()
    {
        var edge = HoldingChannel(capacity: 4);
        var kept = new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8);
        var gone = DisposedFrame();

        var e = Assert.Throws<InvalidOperationException>(() => edge.TryWrite(new DataChunk().Add("left", kept).Add("right", gone)));

        Assert.Contains("Record 'right'", e.Message);
        Assert.Contains("edge 'cam -> rec'", e.Message);
        Assert.Contains("worker 'w2'", e.Message);
        Assert.Equal(0, edge.QueueDepth);
        kept.Dispose();
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public async Task HoldingChannel_WriteThatNeverQueues_GivesTheHoldBack()
    {
        var edge = HoldingChannel(capacity: 1);
        Assert.True(edge.TryWrite(Chunk(0)));
        var full = new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8);
        Assert.False(edge.TryWrite(DataChunk.Of(full)));
        full.Dispose();
        Assert.True(full.IsDisposed);

        var cancelled = new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8);
        using var cancel = new CancellationTokenSource();
        var blocked = edge.WriteAsync(DataChunk.Of(cancelled), cancel.Token).AsTask();
        cancelled.Dispose();
        Assert.False(cancelled.IsDisposed);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WithTimeout());

        Assert.True(cancelled.IsDisposed);
    }

    [Fact]
    public void HoldingChannel_DroppingOldest_ReleasesTheDroppedFrame()
    {
        var edge = new EdgeChannel(new BlueprintEdge("cam -> rec", "cam", "rec", 1, OverflowPolicy.DropOldest, Follow: false, "w1", "w2", IsRemote: true)) { HoldsFrames = true };
        var first = new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8);
        Assert.True(edge.TryWrite(DataChunk.Of(first)));
        first.Dispose();
        Assert.False(first.IsDisposed);

        Assert.True(edge.TryWrite(Chunk(1)));

        Assert.True(first.IsDisposed);
        Assert.Equal(1, edge.Dropped);
    }

    [Fact]
    public void HoldingChannel_WriteMany_HoldsWhatItQueues_AndGivesBackWhatDidNotFit()
    {
        var edge = HoldingChannel(capacity: 2);
        var frames = Enumerable.Range(0, 3).Select(_ => new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8)).ToList();

        Assert.Equal(2, edge.TryWriteMany([.. frames.Select(f => DataChunk.Of(f))]));
        frames.ForEach(f => f.Dispose());

        Assert.Equal([false, false, true], frames.Select(f => f.IsDisposed));
        while (edge.TryRead(out var taken))
        {
            FrameHolds.Release(taken);
        }

        Assert.All(frames, f => Assert.True(f.IsDisposed));
    }

    [Fact]
    public void HoldingChannel_WriteMany_WithAFrameAlreadyDisposed_QueuesNoneAndHoldsNone()
    {
        var edge = HoldingChannel(capacity: 4);
        var kept = new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8);
        var gone = DisposedFrame();

        var e = Assert.Throws<InvalidOperationException>(() => edge.TryWriteMany([DataChunk.Of(kept), DataChunk.Of(gone)]));

        Assert.Contains("edge 'cam -> rec'", e.Message);
        Assert.Equal(0, edge.QueueDepth);
        kept.Dispose();
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void HoldingChannel_FreezesWhatItHolds_SoItsRecordsCannotChangeBeforeTheRelease()
    {
        // A chunk received from another worker is not frozen by publishing; a node that added a frame to it would have
        // its release give up a hold it never took on the new frame.
        var edge = Channel(capacity: 4);
        var received = new DataChunk().Add("frame", new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8));

        Assert.True(edge.TryWrite(received));

        Assert.True(received.IsFrozen);
        Assert.Throws<DataChunkException>(() => received.Add("other", new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8)));
    }

    [Fact]
    public void LocalChannel_HoldsByDefault_AndNamesTheConsumerWhenAFrameIsGone()
    {
        var edge = Channel(capacity: 4);
        var gone = DisposedFrame();

        Assert.True(edge.HoldsFrames);
        var e = Assert.Throws<InvalidOperationException>(() => edge.TryWrite(DataChunk.Of(gone)));

        Assert.Equal(
            "Record 'default' holds an ImageFrame that was disposed before edge 'a -> b' could deliver it to node 'b'. A node must not dispose a frame it emits or returns (disposing at the end of the step, or with 'using', runs before the runtime publishes it); dispose frames where they are consumed, and Retain() or Clone() a frame to keep it beyond the step that received it.",
            e.Message);
    }

    private static EdgeChannel HoldingChannel(int capacity) =>
        new(new BlueprintEdge("cam -> rec", "cam", "rec", capacity, OverflowPolicy.Backpressure, Follow: false, "w1", "w2", IsRemote: true)) { HoldsFrames = true };

    /// <summary>A frame whose buffer has gone back to the pool, as a producer that disposed it too early leaves it.</summary>
    private static Chimera.Media.ImageFrame DisposedFrame()
    {
        var frame = new Chimera.Media.ImageFrame(2, 2, Chimera.Media.PixelFormat.Gray8);
        frame.Dispose();
        return frame;
    }
}
