using Chimera.Nodes;

using static Chimera.Tests.Remote.RemoteTestKit;

namespace Chimera.Tests.Runtime;

public class DrainTests
{
    private static Chimera.Graph FiveNodes(Node source, string key) =>
        new Chimera.Graph()
            .AddNode("src", source)
            .AddNode("left", new Identity())
            .AddNode("right", new Identity())
            .AddNode("merge", new Identity(), new NodeOptions { Trigger = TriggerMode.Each })
            .AddNode("sink", new Collect { Key = key })
            .AddEdges(("src", "left"), ("src", "right"), ("left", "merge"), ("right", "merge"), ("merge", "sink"));

    [Fact]
    [Trait("Category", "Integration")]
    public async Task SourceEnds_100000Elements_FanOutFanIn_CountsAddUpExactly()
    {
        var key = Scratch.NewKey();
        var report = await RunHelper.RunToEndAsync(FiveNodes(new Counter { Count = 100_000 }, key));

        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(200_000, Scratch.Of(key).Count);
        RunHelper.AssertCountersAddUp(report);
        Assert.Equal(100_000, report.Edge("src", "left").Sent);
        Assert.Equal(100_000, report.Edge("src", "right").Received);
        Assert.Equal(200_000, report.Edge("merge", "sink").Received);
        Assert.All(report.Nodes, n => Assert.Equal(NodeState.Stopped, n.State));
    }

    [Fact]
    public async Task Stop_EndlessSource_DrainsEverythingInFlight()
    {
        var key = Scratch.NewKey();
        await using var manager = new Manager();
        await manager.CommitGraphAsync(FiveNodes(new Counter(), key), new Dictionary<string, IReadOnlyList<string>>
        {
            ["w1"] = ["src", "left"],
            ["w2"] = ["right", "merge", "sink"],
        });
        await manager.StartAsync();
        await WaitUntilAsync(() => manager.GetReport().Edge("src", "left").Sent > 0);
        await Task.Delay(200);
        var report = await manager.StopAsync();

        var produced = report.Edge("src", "left").Sent;
        Assert.True(produced > 0);
        Assert.Equal(produced, report.Edge("src", "right").Sent);
        Assert.Equal(2 * produced, Scratch.Of(key).Count);
        RunHelper.AssertCountersAddUp(report);
        Assert.Equal(RunStatus.Completed, report.Status);
    }

    [Fact]
    public async Task Teardown_RunsAfterInputsCompleted_UpstreamFirst()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 1000 })
            .AddNode("t1", new TeardownOrder { Key = key })
            .AddNode("t2", new TeardownOrder { Key = key })
            .AddNode("t3", new TeardownOrder { Key = key })
            .AddEdges(("src", "t1"), ("t1", "t2"), ("t2", "t3"));

        var report = await RunHelper.RunToEndAsync(g);

        Assert.Equal(["t1", "t2", "t3"], Scratch.Of(key).Cast<string>());
        Assert.Equal(1000, report.Node("t3").Steps);
    }

    [Fact]
    public async Task Stop_BeforeAnythingCommitted_SaysWhatToDo()
    {
        await using var manager = new Manager();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.StopAsync());
        Assert.Equal("Cannot stop: no graph is committed. Call CommitGraphAsync first.", ex.Message);
    }

    [Fact]
    public async Task Reset_ThenRecommit_Works()
    {
        await using var manager = new Manager();
        var key = Scratch.NewKey();
        await manager.CommitGraphAsync(new Chimera.Graph().AddNode("src", new Counter { Count = 3 }).AddNode("sink", new Collect { Key = key }).AddEdge("src", "sink"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.CommitGraphAsync(new Chimera.Graph().AddNode("x", new Counter())));
        await manager.ResetAsync();
        await manager.CommitGraphAsync(new Chimera.Graph().AddNode("src", new Counter { Count = 3 }).AddNode("sink", new Collect { Key = key }).AddEdge("src", "sink"));
        await manager.StartAsync();
        await manager.WaitForCompletionAsync();
        Assert.Equal(3, Scratch.Of(key).Count);
    }
}
