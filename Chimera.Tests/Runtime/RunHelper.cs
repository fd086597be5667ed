namespace Chimera.Tests.Runtime;

internal static class RunHelper
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Commits, starts and waits for the graph to finish by itself; returns the report.</summary>
    public static async Task<RunReport> RunToEndAsync(Chimera.Graph graph, IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping = null)
    {
        await using var manager = new Manager();
        await manager.CommitGraphAsync(graph, mapping);
        await manager.StartAsync();
        using var cts = new CancellationTokenSource(Timeout);
        return await manager.WaitForCompletionAsync(cts.Token);
    }

    public static void AssertCountersAddUp(RunReport report)
    {
        foreach (var edge in report.Edges)
        {
            Assert.True(edge.Sent == edge.Received + edge.Dropped, $"edge {edge.Id}: sent {edge.Sent} != received {edge.Received} + dropped {edge.Dropped}");
            Assert.Equal(0, edge.QueueDepth);
        }
    }
}
