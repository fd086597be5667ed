using Chimera.Nodes;

namespace Chimera.Tests.Runtime;

public class OverflowTests
{
    [Fact]
    public async Task Backpressure_SlowSink_LosesNothing_AndStaysBounded()
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 300 })
            .AddNode("sink", new Collect { Key = key, DelayMs = 1 })
            .AddEdge("src", "sink", new EdgeOptions { Capacity = 4 });

        await using var manager = new Manager();
        await manager.CommitGraphAsync(g);
        await manager.StartAsync();
        var maxDepth = 0;
        var completion = manager.WaitForCompletionAsync();
        while (!completion.IsCompleted)
        {
            maxDepth = Math.Max(maxDepth, manager.GetReport().Edge("src", "sink").QueueDepth);
            await Task.Delay(5);
        }

        var report = await completion;
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), Scratch.Of(key).Cast<long>());
        Assert.InRange(maxDepth, 0, 4);
        var edge = report.Edge("src", "sink");
        Assert.Equal((300L, 300L, 0L), (edge.Sent, edge.Received, edge.Dropped));
    }

    [Theory]
    [InlineData(OverflowPolicy.DropOldest)]
    [InlineData(OverflowPolicy.Latest)]
    public async Task Dropping_SlowSink_CountsDrops_ReceivedPlusDroppedEqualsSent(OverflowPolicy policy)
    {
        var key = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 3000 })
            .AddNode("sink", new Collect { Key = key, DelayMs = 1 })
            .AddEdge("src", "sink", new EdgeOptions { Capacity = 4, Overflow = policy });

        var report = await RunHelper.RunToEndAsync(g);

        var edge = report.Edge("src", "sink");
        Assert.Equal(3000, edge.Sent);
        Assert.True(edge.Dropped > 0, "a 1 ms sink cannot keep up with an unpaced counter");
        Assert.Equal(edge.Sent, edge.Received + edge.Dropped);
        Assert.Equal(edge.Received, Scratch.Of(key).Count);
        var values = Scratch.Of(key).Cast<long>().ToList();
        Assert.Equal(values.Order(), values);
        Assert.Equal(2999L, values[^1]);
    }

    [Fact]
    public async Task FanOut_SlowBranch_SlowsProducer_WithoutLoss()
    {
        var fastKey = Scratch.NewKey();
        var slowKey = Scratch.NewKey();
        var g = new Chimera.Graph()
            .AddNode("src", new Counter { Count = 200 })
            .AddNode("fast", new Collect { Key = fastKey })
            .AddNode("slow", new Collect { Key = slowKey, DelayMs = 1 })
            .AddEdge("src", "fast", new EdgeOptions { Capacity = 2 })
            .AddEdge("src", "slow", new EdgeOptions { Capacity = 2 });

        var report = await RunHelper.RunToEndAsync(g);

        Assert.Equal(200, Scratch.Of(fastKey).Count);
        Assert.Equal(200, Scratch.Of(slowKey).Count);
        Assert.All(report.Edges, e => Assert.Equal(0, e.Dropped));
    }
}
