using Chimera.Nodes;

namespace Chimera.Tests.Runtime;

public class SupervisionTests
{
    private static Chimera.Graph Graph(string key, SupervisionStrategy strategy, string sinkKey) =>
        new Chimera.Graph()
            .AddNode("src", new Counter { Count = 10 })
            .AddNode("flaky", new ThrowOn { Value = 5, Key = key }, new NodeOptions { Supervision = strategy, RestartBackoff = TimeSpan.FromMilliseconds(1) })
            .AddNode("sink", new Collect { Key = sinkKey })
            .AddEdges(("src", "flaky"), ("flaky", "sink"));

    [Fact]
    public async Task Stop_FailsTheRun_NamingNodeAndException()
    {
        var key = Scratch.NewKey();
        var ex = await Assert.ThrowsAsync<RunFailedException>(() => RunHelper.RunToEndAsync(Graph(key, SupervisionStrategy.Stop, Scratch.NewKey())));

        Assert.Contains("node 'flaky' on worker 'local' failed during step: InvalidOperationException: boom at 5", ex.Message);
        Assert.Equal(RunStatus.Failed, ex.Report.Status);
        Assert.Equal(NodeState.Failed, ex.Report.Node("flaky").State);
        Assert.Single(Scratch.Of(key + ":teardown"));
    }

    [Fact]
    public async Task Resume_SkipsTheElement_AndCountsIt()
    {
        var key = Scratch.NewKey();
        var sink = Scratch.NewKey();
        var report = await RunHelper.RunToEndAsync(Graph(key, SupervisionStrategy.Resume, sink));

        Assert.Equal([0L, 1, 2, 3, 4, 6, 7, 8, 9], Scratch.Of(sink).Cast<long>());
        Assert.Equal(1, report.Node("flaky").Failures);
        Assert.Equal(0, report.Node("flaky").Restarts);
        Assert.Single(Scratch.Of(key + ":setup"));
    }

    [Fact]
    public async Task Restart_ReplacesTheInstance_AndCountsIt()
    {
        var key = Scratch.NewKey();
        var sink = Scratch.NewKey();
        var report = await RunHelper.RunToEndAsync(Graph(key, SupervisionStrategy.Restart, sink));

        Assert.Equal([0L, 1, 2, 3, 4, 6, 7, 8, 9], Scratch.Of(sink).Cast<long>());
        Assert.Equal(1, report.Node("flaky").Restarts);
        Assert.Equal(2, Scratch.Of(key + ":setup").Count);
        Assert.Equal(2, Scratch.Of(key + ":teardown").Count);
    }

    [Fact]
    public async Task SetupThrows_CommitFails_NamingNode_AndTearsDownTheOthers()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter())
            .AddNode("ok", new TeardownOrder { Key = key })
            .AddNode("camera", new SetupThrows())
            .AddEdges(("src", "ok"), ("ok", "camera"));

        await using var manager = new Manager();
        var ex = await Assert.ThrowsAsync<CommitFailedException>(() => manager.CommitGraphAsync(g));

        Assert.Contains("node 'camera' on worker 'local' failed during setup: InvalidOperationException: camera not found", ex.Message);
        Assert.Equal(["ok"], Scratch.Of(key).Cast<string>());
        Assert.Null(manager.Blueprint);
    }
}
