using System.Diagnostics;
using Chimera.Runtime;

namespace Chimera.Tests.Runtime;

/// <summary>
/// Tests that read or change the thread pool's minimum (<see cref="ThreadPoolReserve"/>, process-wide) run alone, so no
/// other test's blocking steps reserve threads meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadPoolCollection
{
    public const string Name = "thread pool";
}

/// <summary>A source whose synchronous step blocks its thread for <see cref="SleepMs"/>, as a device read does; counts its steps under <see cref="Key"/>.</summary>
public sealed class BlockingSource : Node
{
    public string Key { get; set; } = "";

    public int SleepMs { get; set; } = 10;

    protected override object? Step(NodeInputs inputs)
    {
        Thread.Sleep(SleepMs);
        Scratch.Of(Key).Enqueue(null);
        return 1L;
    }
}

/// <summary>The same as a producer: blocks its thread for <see cref="SleepMs"/> before each item, as a device read between yields does.</summary>
public sealed class BlockingProducer : AsyncSourceNode
{
    public string Key { get; set; } = "";

    public int SleepMs { get; set; } = 10;

    protected internal override async IAsyncEnumerable<object?> ProduceAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Thread.Sleep(SleepMs);
            Scratch.Of(Key).Enqueue(null);
            yield return 1L;
        }

        await Task.CompletedTask;
    }
}

[Collection(ThreadPoolCollection.Name)]
public sealed class BlockingStepTests
{
    [Fact]
    public void FastSteps_AreNeverBlocking()
    {
        using var watch = new BlockingStepWatch();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.False(watch.End(watch.Begin()));
        }

        Assert.False(watch.IsBlocking);
    }

    [Fact]
    public void OneLongStep_AmongFastOnes_IsNotBlocking()
    {
        // A thread preempted in the middle of one step on a busy machine is not a node that blocks.
        using var watch = new BlockingStepWatch();
        for (var i = 0; i < 10; i++)
        {
            var started = watch.Begin();
            if (i == 5)
            {
                Thread.Sleep(3);
            }

            watch.End(started);
        }

        Assert.False(watch.IsBlocking);
    }

    [Fact]
    public void LongStepsInARow_ReserveOneThread_UntilDisposed()
    {
        ThreadPool.GetMinThreads(out var before, out var beforeIo);
        var watch = new BlockingStepWatch();
        var becameBlocking = 0;
        for (var i = 0; i < 5; i++)
        {
            var started = watch.Begin();
            Thread.Sleep(3);
            becameBlocking += watch.End(started) ? 1 : 0;
        }

        Assert.True(watch.IsBlocking);
        Assert.Equal(1, becameBlocking);
        ThreadPool.GetMinThreads(out var during, out var duringIo);
        Assert.True(during >= before + 1, $"min {during}, before {before}");
        Assert.Equal(beforeIo, duringIo);

        watch.Dispose();
        watch.Dispose();
        ThreadPool.GetMinThreads(out var after, out _);
        Assert.Equal(before, after);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EightSourcesBlockingInTheirSteps_StepAtNearlyTheirRate_AndTheirSinksKeepUp(bool producers)
    {
        // Without reservations the pool (min = cores) grew by about a thread a second: on two cores these sources
        // stepped at ~30 % of their rate over the first 1.5 s and their sinks received nothing for two seconds.
        const int Sources = 8;
        const int SleepMs = 10;
        var steps = Scratch.NewKey();
        var received = Scratch.NewKey();
        var graph = new Chimera.Graph("blocking");
        for (var i = 0; i < Sources; i++)
        {
            graph.AddNode($"source{i}", producers ? new BlockingProducer { Key = steps, SleepMs = SleepMs } : new BlockingSource { Key = steps, SleepMs = SleepMs });
            graph.AddNode($"sink{i}", new Collect { Key = received });
            graph.AddEdges(($"source{i}", $"sink{i}"));
        }

        ThreadPool.GetMinThreads(out var before, out _);
        var window = TimeSpan.FromSeconds(1.5);
        await using (var manager = new Manager())
        {
            await manager.CommitGraphAsync(graph);
            await manager.StartAsync();
            var clock = Stopwatch.StartNew();
            await Task.Delay(window);
            var stepped = Scratch.Of(steps).Count;
            var delivered = Scratch.Of(received).Count;
            var ideal = Sources * clock.Elapsed.TotalMilliseconds / SleepMs;
            await manager.StopAsync();

            Assert.True(stepped >= 0.7 * ideal, $"{stepped} steps in {clock.Elapsed.TotalSeconds:F2} s, ideal {ideal:F0}");
            Assert.True(delivered >= 0.6 * ideal, $"{delivered} elements received, {stepped} steps, ideal {ideal:F0}");
        }

        ThreadPool.GetMinThreads(out var after, out _);
        Assert.Equal(before, after);
        Assert.Equal(0, ThreadPoolReserve.Reserved);
    }
}
