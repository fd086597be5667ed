using System.Text.Json;
using Chimera.Nodes;
using Chimera.TestNodes;
using Chimera.Tests.Runtime;

namespace Chimera.Tests.Cluster;

public class TapsAndMethodsTests
{
    [Fact]
    public async Task Tap_SeesEveryChunk_WithoutDisturbingTheGraph()
    {
        var key = Scratch.NewKey();
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph()
            .AddNode("src", new Counter { Count = 200, Rate = 400 })
            .AddNode("sink", new Collect { Key = key })
            .AddEdge("src", "sink"));
        var tapped = new List<long>();
        var stream = manager.TapAsync("src");
        var tapping = Task.Run(async () =>
        {
            await foreach (var chunk in stream)
            {
                tapped.Add(chunk.Get<long>());
            }
        });
        await manager.StartAsync();
        await manager.WaitForCompletionAsync();
        await tapping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, Scratch.Of(key).Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), tapped);
    }

    [Fact]
    public async Task Tap_SlowReader_DropsForItself_GraphLosesNothing()
    {
        var key = Scratch.NewKey();
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph()
            .AddNode("src", new Counter { Count = 5000 })
            .AddNode("sink", new Collect { Key = key })
            .AddEdge("src", "sink"));
        var seen = 0;
        await using var slow = manager.OnData("src", _ =>
        {
            Thread.Sleep(1);
            seen++;
        });
        await manager.StartAsync();
        var report = await manager.WaitForCompletionAsync();

        Assert.Equal(5000, Scratch.Of(key).Count);
        Assert.Equal(0, report.Edge("src", "sink").Dropped);
        Assert.True(seen < 5000, "the slow tap fell behind and dropped for itself");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task OnDataAsync_OnARegisteredWorker_IsOpenBeforeStart_SoEvenAnInstantSourceIsSeenWhole()
    {
        await using var manager = new Manager(new ManagerOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(100) });
        var url = await manager.StartServerAsync();
        var logs = Directory.CreateTempSubdirectory("chimera-tap-").FullName;
        await using var worker = new Worker(new WorkerOptions { Name = "w1", ManagerUrl = url, LogDirectory = logs });
        await worker.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!manager.RegisteredWorkers.Any(w => w.Name == "w1" && w.Liveness == "up") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // 50 elements fit the tap's buffer (64), so even a reader that falls behind drops none: only opening late could lose some.
        await manager.CommitGraphAsync(
            new Chimera.Graph().AddNode("src", new Counter { Count = 50 }).AddNode("sink", new Collect { Key = Scratch.NewKey() }).AddEdge("src", "sink"),
            new Dictionary<string, IReadOnlyList<string>> { ["w1"] = ["src", "sink"] });
        var tapped = new List<long>();
        await using var tap = await manager.OnDataAsync("src", chunk =>
        {
            lock (tapped)
            {
                tapped.Add(chunk.Get<long>());
            }
        });
        await manager.StartAsync();
        await manager.WaitForCompletionAsync();
        await tap.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), tapped);
        await manager.ShutdownAsync();
        Directory.Delete(logs, recursive: true);
    }

    [Fact]
    public async Task OnDataAsync_UnknownNode_FailsAtOnce()
    {
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph().AddNode("src", new Counter { Count = 1 }));

        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => manager.OnDataAsync("ghost", _ => { }));

        Assert.Contains("has no node named 'ghost'", ex.Message);
    }

    [Fact]
    public async Task Tap_UnknownNode_SaysSo()
    {
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph().AddNode("src", new Counter { Count = 1 }));
        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(async () =>
        {
            await foreach (var _ in manager.TapAsync("ghost"))
            {
            }
        });
        Assert.Contains("has no node named 'ghost'", ex.Message);
    }

    [Fact]
    public async Task RegisteredMethod_ChangesParameterBetweenSteps()
    {
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph()
            .AddNode("src", new Numbers { Count = 0 })
            .AddNode("gain", new Gain { Factor = 2 })
            .AddNode("sink", new Collect { Key = Scratch.NewKey() })
            .AddEdges(("src", "gain"), ("gain", "sink")));

        // Offline stepping: one source step at a time, so the effect of the call is exact.
        var outputs = new List<long>();
        await using var tap = manager.OnData("gain", c =>
        {
            lock (outputs)
            {
                outputs.Add(c.Get<long>());
            }
        });
        await manager.StepAsync();
        await manager.StepAsync();

        // A step publishes the source's output; wait until the gain node has handled both before changing it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (manager.GetReport().Node("gain").Steps < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        var old = await manager.InvokeAsync("gain", "SetFactor", JsonDocument.Parse("{\"factor\": 100}").RootElement);
        await manager.StepAsync();
        await manager.StopAsync();
        await tap.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, old!.Value.GetInt64());
        lock (outputs)
        {
            Assert.Equal([0L, 2, 200], outputs);
        }
    }

    [Fact]
    public async Task RegisteredMethod_Unknown_ListsTheRegisteredOnes()
    {
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph()
            .AddNode("src", new Numbers { Count = 1 })
            .AddNode("gain", new Gain())
            .AddEdge("src", "gain"));
        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => manager.InvokeAsync("gain", "Explode"));
        Assert.Equal("Node 'gain' (Gain) has no registered method 'Explode'. Registered: SetFactor.", ex.Message);
    }

    [Fact]
    public async Task Step_RunsOneStepOfEachSource()
    {
        var key = Scratch.NewKey();
        await using var manager = new Manager();
        await manager.CommitGraphAsync(new Chimera.Graph()
            .AddNode("a", new Counter())
            .AddNode("b", new Counter { Start = 100 })
            .AddNode("sink", new Collect { Key = key }, new NodeOptions { Trigger = TriggerMode.Each })
            .AddEdges(("a", "sink"), ("b", "sink")));

        await manager.StepAsync();
        await manager.StepAsync();
        await manager.StepAsync();
        var report = await manager.StopAsync();

        Assert.Equal(3, report.Node("a").Steps);
        Assert.Equal(3, report.Node("b").Steps);
        Assert.Equal([0L, 1, 2, 100, 101, 102], Scratch.Of(key).Cast<long>().Order());
    }
}
