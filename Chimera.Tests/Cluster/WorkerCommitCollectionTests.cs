using Chimera.Nodes;
using Chimera.TestNodes;
using Chimera.Tests.Collecting;
using Chimera.Tests.Hosting;
using Chimera.Tests.Runtime;
using Microsoft.Extensions.Logging;

namespace Chimera.Tests.Cluster;

/// <summary>
/// A worker's commit ends with one full collection unless <see cref="WorkerOptions.CollectGarbageAfterCommit"/> is off.
/// The collection count alone cannot tell (other tests collect too), so the worker's own log line is what is checked.
/// </summary>
[Trait("Category", "Integration")]
public class WorkerCommitCollectionTests
{
    [Fact]
    public async Task Commit_ByDefault_EndsWithAFullCollection_AndLogsIt()
    {
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);

        var (lines, runId) = await CommitOnOneWorkerAsync(new WorkerOptions());

        Assert.Contains(lines, l => l.Contains($"collected garbage after committing run {runId}", StringComparison.Ordinal));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections, "the commit ran no full collection");
    }

    [Fact]
    public async Task Commit_WithTheOptionOff_SkipsTheCollection()
    {
        var (lines, runId) = await CommitOnOneWorkerAsync(new WorkerOptions { CollectGarbageAfterCommit = false });

        Assert.Contains(lines, l => l.Contains($"committed run {runId}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("collected garbage", StringComparison.Ordinal));
    }

    /// <summary>Commits a two-node graph on one worker started with <paramref name="options"/>; returns the worker's log lines and the run's id.</summary>
    private static async Task<(IReadOnlyList<string> Lines, string RunId)> CommitOnOneWorkerAsync(WorkerOptions options)
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = new LoggerFactory([logs]);
        var directory = Directory.CreateTempSubdirectory("chimera-commit-gc-").FullName;
        try
        {
            await using var manager = new Manager(new ManagerOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(100) });
            var url = await manager.StartServerAsync();
            options.Name = "w1";
            options.ManagerUrl = url;
            options.LogDirectory = directory;
            options.LoggerFactory = loggerFactory;
            await using var worker = new Worker(options);
            await worker.StartAsync();
            await CollectTestCluster.WaitUntilAsync(() => manager.RegisteredWorkers.Any(w => w.Name == "w1" && w.Liveness == "up"), TimeSpan.FromSeconds(15), "worker w1 registered");

            var blueprint = await manager.CommitGraphAsync(
                new Chimera.Graph().AddNode("src", new Counter { Count = 3 }).AddNode("sink", new Collect { Key = Scratch.NewKey() }).AddEdge("src", "sink"),
                new Dictionary<string, IReadOnlyList<string>> { ["w1"] = ["src", "sink"] });
            await manager.ShutdownAsync();
            return ([.. logs.Messages.Where(m => m.Category == "Chimera.Worker").Select(m => m.Message)], blueprint.Id);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
