using System.Diagnostics;

namespace Chimera.Tests.Runtime;

/// <summary>How the stages of one worker share the thread pool when one of them blocks its thread.</summary>
public sealed class WakeUpOrderTests
{
    [Fact]
    public async Task ASinkWorkingThroughABacklog_DoesNotKeepItsSiblingWaiting()
    {
        // The camera publishes its 30 frames at once. Both sinks are woken while the camera's thread still runs; that
        // thread then picks up one of them, and a sink whose steps block its thread (Thread.Sleep, as ported
        // synchronous code does) never lets go of it while its input has elements. Woken through the thread's own
        // queue, the idle sink ran only once the blocking one had finished all 30 (~90 ms later, every time).
        var key = Scratch.NewKey();
        var graph = new Chimera.Graph("wake-up-order")
            .AddNode("cam", new PatternFrames { Key = key, Count = 30 })
            .AddNode("idle", new StampStep { Key = key + ":idle" })
            .AddNode("blocking", new StampStep { Key = key + ":blocking", SleepMs = 3 })
            .AddEdge("cam", "idle")
            .AddEdge("cam", "blocking");

        await RunHelper.RunToEndAsync(graph);

        var idleFirst = Scratch.Of(key + ":idle").Cast<long>().Min();
        var blockingLast = Scratch.Of(key + ":blocking").Cast<long>().Max();
        Assert.True(
            idleFirst < blockingLast,
            $"The idle sink's first step came {Stopwatch.GetElapsedTime(blockingLast, idleFirst).TotalMilliseconds:F1} ms after the blocking sink's last.");
    }
}

/// <summary>Sleeps <see cref="SleepMs"/> on its thread, then notes when each step ended under <see cref="Key"/>.</summary>
public sealed class StampStep : Node
{
    public string Key { get; set; } = "";

    public int SleepMs { get; set; }

    /// <inheritdoc />
    protected override object? Step(NodeInputs inputs)
    {
        if (SleepMs > 0)
        {
            Thread.Sleep(SleepMs);
        }

        Scratch.Of(Key).Enqueue(Stopwatch.GetTimestamp());
        return null;
    }
}
