using System.Diagnostics;
using Chimera.Nodes;
using Chimera.TestNodes;
using Chimera.Tests.Processes;

namespace Chimera.Tests.Cluster;

/// <summary>Cross-process edges (stream references) between real <c>chimera worker</c> processes on loopback.</summary>
[Trait("Category", "Integration")]
[Collection("processes")]
public class RemoteEdgeProcessTests
{
    private static Dictionary<string, IReadOnlyList<string>> Map(params (string Worker, string[] Nodes)[] pairs) =>
        pairs.ToDictionary(p => p.Worker, p => (IReadOnlyList<string>)p.Nodes);

    private static async Task<ChimeraProcess> WorkerAsync(string name, string url, string? config = null)
    {
        var args = new List<string> { "worker", "--name", name, "--manager", url, "--assembly-dir", Path.Combine(Path.GetTempPath(), "chimera-test-assemblies", Guid.NewGuid().ToString("N")) };
        if (config is not null)
        {
            args.AddRange(["--config", config]);
        }

        var worker = ChimeraProcess.Start(args, new Dictionary<string, string?> { ["CHIMERA_SECRET"] = "edges" });
        await worker.WaitForLineAsync($"Worker \"{name}\" joined the manager");
        return worker;
    }

    [Fact]
    public async Task MillionSmallElements_AcrossAThreeWorkerChain_ArriveExactlyOnceInOrder()
    {
        await using var manager = new Manager(new ManagerOptions { Secret = "edges" });
        var url = await manager.StartServerAsync();
        await using var a = await WorkerAsync("a", url);
        await using var b = await WorkerAsync("b", url);
        await using var c = await WorkerAsync("c", url);
        var verdict = Path.Combine(Path.GetTempPath(), $"chimera-seq-{Guid.NewGuid():N}.txt");
        var graph = new Chimera.Graph("chain")
            .AddNode("numbers", new Numbers { Count = 1_000_000 })
            .AddNode("relay", new Identity())
            .AddNode("verify", new VerifySequence { Path = verdict })
            .AddEdges(("numbers", "relay"), ("relay", "verify"));
        await manager.CommitGraphAsync(graph, Map(("a", ["numbers"]), ("b", ["relay"]), ("c", ["verify"])));

        var watch = Stopwatch.StartNew();
        await manager.StartAsync();
        var report = await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        watch.Stop();

        Assert.Equal("count=1000000 ok=true first-error=", File.ReadAllText(verdict));
        Assert.All(report.Edges, e =>
        {
            Assert.True(e.IsRemote);
            Assert.Equal((1_000_000L, 1_000_000L, 0L), (e.Sent, e.Received, e.Dropped));

            // The connection's figures join both ends: every byte sent was read, in batches (fewer writes than elements).
            var wire = Assert.IsType<EdgeWireReport>(e.Wire);
            Assert.True(wire.BytesSent > e.Sent, $"{wire.BytesSent} bytes for {e.Sent} elements");
            Assert.Equal(wire.BytesSent, wire.BytesReceived);
            Assert.InRange(wire.Writes, 1, e.Sent - 1);
            Assert.InRange(wire.Reads, 1, wire.BytesReceived);
        });
        Console.WriteLine($"1,000,000 elements through 3 worker processes in {watch.Elapsed.TotalSeconds:0.0} s ({1_000_000 / watch.Elapsed.TotalSeconds:0} elements/s)");
        File.Delete(verdict);
    }

    [Fact]
    public async Task LargeFrames_6MB_ArriveIntact()
    {
        var (verdict, _) = await RunToVerifierAsync("blobs", new Blobs { Count = 200, Size = 6_000_000 }, path => new VerifyBlobs { Path = path });

        Assert.Equal("count=200 bad=0 bytes=1200000000", verdict);
    }

    [Fact]
    public async Task RawFrames_AcrossWorkerProcesses_ArriveIntoPooledFramesIntact_WhileALocalBranchDisposesThem()
    {
        // Raw 1080p frames as a chunk's last record: written from the frame to the socket by one worker process, read
        // from the socket into a pooled frame by the other, which the verifying sink disposes. A sink beside the source
        // disposes every frame as soon as it gets it, and the source's next frame is rented from the same pool: the
        // edge to the other worker holds each frame until its pixels are on the wire.
        var (verdict, report) = await RunToVerifierAsync(
            "frames", new PatternFrames { Count = 60, Width = 1920, Height = 1080 }, path => new VerifyFrames { Path = path }, besideSource: new DisposeFrames());

        Assert.Equal("count=60 bad=0", verdict);
        Assert.InRange(report.Edge("frames", "verify").Wire!.BytesReceived, 60 * 1920L * 1080 * 3, 60 * ((1920L * 1080 * 3) + 1000));
    }

    /// <summary>
    /// Runs <paramref name="source"/> (node <paramref name="name"/>) on worker process a into a verifying sink on worker
    /// process b until the source ends, and returns what the verifier wrote to its file at teardown, with the report.
    /// Large elements want a small credit window (memory in flight is window × element size), so both run with 4.
    /// <paramref name="besideSource"/>, when given, is a second sink of the source on worker process a, joined first.
    /// </summary>
    private static async Task<(string Verdict, RunReport Report)> RunToVerifierAsync(string name, Node source, Func<string, Node> verifier, Node? besideSource = null)
    {
        var config = Path.Combine(Path.GetTempPath(), $"chimera-remote-{Guid.NewGuid():N}.conf");
        var verdict = Path.Combine(Path.GetTempPath(), $"chimera-{name}-{Guid.NewGuid():N}.txt");
        File.WriteAllText(config, "chimera.remote { buffer-capacity = 4 }");
        try
        {
            await using var manager = new Manager(new ManagerOptions { Secret = "edges" });
            var url = await manager.StartServerAsync();
            await using var a = await WorkerAsync("a", url, config);
            await using var b = await WorkerAsync("b", url, config);
            var graph = new Chimera.Graph(name).AddNode(name, source);
            string[] onA = [name];
            if (besideSource is not null)
            {
                graph.AddNode("beside", besideSource).AddEdge(name, "beside", new EdgeOptions { Capacity = 4 });
                onA = [name, "beside"];
            }

            graph.AddNode("verify", verifier(verdict)).AddEdge(name, "verify", new EdgeOptions { Capacity = 4 });
            await manager.CommitGraphAsync(graph, Map(("a", onA), ("b", ["verify"])));
            await manager.StartAsync();
            var report = await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            return (File.ReadAllText(verdict), report);
        }
        finally
        {
            File.Delete(verdict);
            File.Delete(config);
        }
    }

    [Fact]
    public async Task SlowSinkOnAnotherWorker_SlowsTheSource_MemoryStaysBounded()
    {
        await using var manager = new Manager(new ManagerOptions { Secret = "edges" });
        var url = await manager.StartServerAsync();
        await using var a = await WorkerAsync("a", url);
        await using var b = await WorkerAsync("b", url);
        var graph = new Chimera.Graph("slow")
            .AddNode("numbers", new Numbers())
            .AddNode("slow", new SlowSink { DelayMs = 2 })
            .AddEdge("numbers", "slow", new EdgeOptions { Capacity = 16 });
        await manager.CommitGraphAsync(graph, Map(("a", ["numbers"]), ("b", ["slow"])));
        await manager.StartAsync();

        await Task.Delay(2000);
        var early = manager.RegisteredWorkers.ToDictionary(w => w.Name, w => w.MemoryBytes);
        var mid = manager.GetReport().Edge("numbers", "slow");
        await Task.Delay(3000);
        var late = manager.RegisteredWorkers.ToDictionary(w => w.Name, w => w.MemoryBytes);
        var report = await manager.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        // In flight at any instant: the sender's channel (16) + the credit window + the receiver's channel (16) + one in
        // the sink. The two counts come from the workers' heartbeats, up to one interval (1 s, ~500 elements at 2 ms)
        // apart, so the check allows that skew. The sink takes at most 2,500 in 5 s; an unheld source would send millions.
        var window = new Chimera.Remote.RemoteSettings().BufferCapacity;
        var edge = report.Edge("numbers", "slow");
        Assert.Equal(edge.Sent, edge.Received);
        Assert.True(mid.Sent - mid.Received <= 16 + window + 16 + 2 + 600, $"in flight {mid.Sent - mid.Received}");
        Assert.True(edge.Sent < 2500 + 16 + window + 16 + 2 + 600, $"the source was held back by the 2 ms sink: it sent {edge.Sent} in about 5 s");
        foreach (var worker in late.Keys)
        {
            var growth = (late[worker] - early[worker]) / (1024.0 * 1024.0);
            Assert.True(growth < 30, $"worker {worker} grew {growth:0.0} MiB in 3 s");
        }
    }

    [Fact]
    public async Task SenderKilledMidStream_FailsTheEdgeOnTheSurvivor_WithinTheDeadline()
    {
        await using var manager = new Manager(new ManagerOptions { Secret = "edges" });
        var url = await manager.StartServerAsync();
        await using var a = await WorkerAsync("a", url);
        await using var b = await WorkerAsync("b", url);
        var graph = new Chimera.Graph("kill")
            .AddNode("numbers", new Numbers { DelayMs = 1 })
            .AddNode("slow", new SlowSink { DelayMs = 1 })
            .AddEdge("numbers", "slow");
        await manager.CommitGraphAsync(graph, Map(("a", ["numbers"]), ("b", ["slow"])));
        var failures = new List<ClusterEvent>();
        manager.EventRaised += e =>
        {
            if (e.Kind == "node-failed")
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        };
        await manager.StartAsync();
        await Task.Delay(1000);

        var killed = Stopwatch.StartNew();
        a.KillHard();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            lock (failures)
            {
                if (failures.Any(f => f.Worker == "b"))
                {
                    break;
                }
            }

            await Task.Delay(20);
        }

        killed.Stop();
        ClusterEvent failure;
        lock (failures)
        {
            failure = Assert.Single(failures, f => f.Worker == "b");
        }

        Assert.Contains("numbers -> slow", failure.Message);
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(6), $"the survivor noticed after {killed.Elapsed.TotalSeconds:0.0} s");
        var ex = await Assert.ThrowsAsync<RunFailedException>(() => manager.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token));
        Assert.Contains("numbers -> slow", ex.Message);
    }
}
