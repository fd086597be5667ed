using Chimera.Runtime;
using Chimera.Tests.Remote;
using static Chimera.Tests.Runtime.TestEdgeChannels;

namespace Chimera.Tests.Runtime;

/// <summary>
/// The reader's wait for a batch (<see cref="EdgeChannel.WaitToReadAsync(int, CancellationToken)"/>): what ends it,
/// on which thread the reader continues, and what it hands over when the edge ends first.
/// </summary>
public sealed class EdgeChannelBatchWaitTests
{
    [Fact]
    public async Task WaitForABatch_EndsAtTheWriteThatFillsIt_AndTheReaderContinuesOnThatWritersThread()
    {
        var edge = Channel(capacity: 16);
        var readerThread = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = WaitThenNoteThreadAsync(edge, minimum: 4, readerThread);

        var writerThread = await OnThreadOfItsOwn(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True(edge.TryWrite(Chunk(i)));
            }

            // Long enough for a wake-up through the thread pool to have run, had three elements woken the reader.
            Thread.Sleep(50);
            Assert.False(reader.IsCompleted, "three elements ended a wait for four");
            Assert.True(edge.TryWrite(Chunk(3)));
            return Environment.CurrentManagedThreadId;
        });

        Assert.Equal(writerThread, await readerThread.Task.WithTimeout());
        await reader.WithTimeout();
    }

    [Fact]
    public async Task WaitForABatch_LargerThanTheCapacity_EndsWhenTheBufferIsFull()
    {
        var edge = Channel(capacity: 4);
        var wait = edge.WaitToReadAsync(100, CancellationToken.None).AsTask();
        for (var i = 0; i < 3; i++)
        {
            edge.TryWrite(Chunk(i));
        }

        Assert.False(wait.IsCompleted);
        edge.TryWrite(Chunk(3));

        Assert.True(await wait.WithTimeout());
        Assert.Equal(4, edge.QueueDepth);
    }

    [Fact]
    public async Task WaitForABatch_WhenTheMinimumIsAlreadyBuffered_ReturnsAtOnce()
    {
        var edge = Channel(capacity: 8);
        for (var i = 0; i < 5; i++)
        {
            edge.TryWrite(Chunk(i));
        }

        var wait = edge.WaitToReadAsync(5, CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(await wait);
    }

    [Fact]
    public async Task WaitForABatch_AWriterAboutToWaitForRoomByTheByteBound_EndsIt()
    {
        var edge = Channel(capacity: 64, capacityBytes: 10_000);
        var wait = edge.WaitToReadAsync(10, CancellationToken.None).AsTask();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(edge.TryWrite(Blob(2_000)));
        }

        Assert.False(wait.IsCompleted);
        var blocked = edge.WriteAsync(Blob(2_000), CancellationToken.None).AsTask();

        Assert.True(await wait.WithTimeout());
        Assert.False(blocked.IsCompleted);
        var taken = new DataChunk[10];
        Assert.Equal(5, edge.TryReadMany(taken));
        await blocked.WithTimeout();
    }

    [Fact]
    public async Task StopWaitingForMinimum_EndsTheWaitAtOnce_WithElementsOrWithout()
    {
        var edge = Channel(capacity: 16);
        var wait = edge.WaitToReadAsync(8, CancellationToken.None).AsTask();
        edge.TryWrite(Chunk(0));
        edge.TryWrite(Chunk(1));
        await Task.Delay(20);
        Assert.False(wait.IsCompleted);

        edge.StopWaitingForMinimum();

        Assert.True(await wait.WithTimeout());
        Assert.Equal(2, edge.TryReadMany(new DataChunk[8]));

        // A reader holding elements it took earlier must be able to send them although nothing more came.
        var empty = edge.WaitToReadAsync(8, CancellationToken.None).AsTask();
        await Task.Delay(20);
        Assert.False(empty.IsCompleted);
        edge.StopWaitingForMinimum();
        Assert.True(await empty.WithTimeout());
        Assert.Equal(0, edge.QueueDepth);
    }

    [Fact]
    public async Task StopWaitingForMinimum_LeavesAPlainWaitAlone()
    {
        var edge = Channel(capacity: 16);
        var wait = edge.WaitToReadAsync(CancellationToken.None).AsTask();

        edge.StopWaitingForMinimum();
        await Task.Delay(20);

        Assert.False(wait.IsCompleted, "a wait for the first element ended with nothing written");
        edge.TryWrite(Chunk(0));
        Assert.True(await wait.WithTimeout());
    }

    [Fact]
    public async Task WaitForABatch_WhenTheEdgeCompletesWithAnError_HandsOverWhatIsLeftThenThrows()
    {
        var edge = Channel(capacity: 16);
        var wait = edge.WaitToReadAsync(8, CancellationToken.None).AsTask();
        edge.TryWrite(Chunk(0));
        edge.TryWrite(Chunk(1));

        edge.Complete(new InvalidOperationException("producer broke"));

        Assert.True(await wait.WithTimeout());
        var taken = new DataChunk[8];
        Assert.Equal(2, edge.TryReadMany(taken));
        Assert.Equal([0, 1], taken.Take(2).Select(c => c.Get<int>()));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => edge.WaitToReadAsync(8, CancellationToken.None).AsTask());
        Assert.Equal("producer broke", error.Message);
    }

    [Fact]
    public async Task WaitForABatch_WhenTheEdgeCompletes_TakesWhatIsLeft_ThenSeesTheEnd()
    {
        var edge = Channel(capacity: 16);
        var wait = edge.WaitToReadAsync(8, CancellationToken.None).AsTask();
        edge.TryWrite(Chunk(0));

        edge.Complete();

        Assert.True(await wait.WithTimeout());
        Assert.True(edge.TryRead(out _));
        Assert.False(await edge.WaitToReadAsync(8, CancellationToken.None));
    }

    private static async Task WaitThenNoteThreadAsync(EdgeChannel edge, int minimum, TaskCompletionSource<int> thread)
    {
        await edge.WaitToReadAsync(minimum, CancellationToken.None).ConfigureAwait(false);
        thread.SetResult(Environment.CurrentManagedThreadId);
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own, which no pool continuation can borrow.</summary>
    private static Task<int> OnThreadOfItsOwn(Func<int> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
