using System.Text.Json;

namespace Chimera.Tests.Collecting;

public class CollectEmbeddedTests
{
    [Fact]
    public async Task Collect_EmbeddedWorkers_ToAnotherFolder_MovesTheFiles_AndCopiesMeta()
    {
        var logdir = CollectTestCluster.TempDir("chimera-collect-src-");
        var destination = CollectTestCluster.TempDir("chimera-collect-dst-");
        try
        {
            var (graph, mapping) = CollectTestCluster.Islands(50, "w1", "w2");
            await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
            await manager.CommitGraphAsync(graph, mapping);
            await manager.RecordAsync();
            await manager.WaitForCompletionAsync();
            var source = manager.RunDirectory!;
            var progress = new List<CollectProgress>();

            var result = await manager.CollectAsync(destination, new SynchronousProgress(progress.Add));

            var run = Path.Combine(destination, Path.GetFileName(source));
            Assert.Equal(run, result.Directory);
            Assert.All(result.Workers, w => Assert.Equal("moved", w.Method));
            foreach (var worker in new[] { "w1", "w2" })
            {
                Assert.Equal(Enumerable.Range(1000, 50).Select(i => i.ToString()), CollectTestCluster.Values(Path.Combine(run, worker, $"keep-{worker}", "numbers.csv")));
                Assert.False(Directory.Exists(Path.Combine(source, worker)), $"{worker}'s files were moved, not copied");
            }

            Assert.True(File.Exists(Path.Combine(run, "meta.json")));
            Assert.Empty(Directory.GetDirectories(run, ".*"));
            Assert.Contains(progress, p => p.Worker == "w1" && p.Stage == CollectStage.Completed);
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "meta.json")));
            var clock = meta.RootElement.GetProperty("workers")[0].GetProperty("clock");
            Assert.Equal("embedded", clock.GetProperty("source").GetString());
        }
        finally
        {
            CollectTestCluster.Delete(logdir, destination);
        }
    }

    [Fact]
    public async Task Collect_IntoItsOwnLogDirectory_AfterReset_LeavesFilesInPlace()
    {
        var logdir = CollectTestCluster.TempDir("chimera-collect-");
        try
        {
            var (graph, mapping) = CollectTestCluster.Islands(10, "w1");
            await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
            await manager.CommitGraphAsync(graph, mapping);
            await manager.RecordAsync();
            await manager.WaitForCompletionAsync();
            var run = manager.RunDirectory!;
            await manager.ResetAsync();

            var result = await manager.CollectAsync();

            Assert.Equal(run, result.Directory);
            var w1 = Assert.Single(result.Workers);
            Assert.Equal("in-place", w1.Method);
            Assert.Equal(1, w1.Files);
            Assert.Equal(10, CollectTestCluster.Values(Path.Combine(run, "w1", "keep-w1", "numbers.csv")).Count());
        }
        finally
        {
            CollectTestCluster.Delete(logdir);
        }
    }

    [Fact]
    public async Task Collect_NothingCommitted_SaysWhy()
    {
        await using var manager = new Manager();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.CollectAsync("/tmp"));

        Assert.Equal("Cannot collect: no run was committed. Commit, record and stop a run first.", ex.Message);
    }

    [Fact]
    public async Task Collect_WhileRunning_IsRefused()
    {
        var logdir = CollectTestCluster.TempDir("chimera-collect-");
        try
        {
            var graph = new Chimera.Graph().AddNode("gen", new Chimera.Nodes.Counter { Rate = 100 }).AddNode("keep", new Chimera.Nodes.TabularRecorder()).AddEdge("gen", "keep");
            await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
            var blueprint = await manager.CommitGraphAsync(graph);
            await manager.RecordAsync();

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.CollectAsync());

            Assert.Contains($"Cannot collect run {blueprint.Id}: it is still running", ex.Message);
            await manager.StopAsync();
        }
        finally
        {
            CollectTestCluster.Delete(logdir);
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so a test could read too early).</summary>
    private sealed class SynchronousProgress(Action<CollectProgress> report) : IProgress<CollectProgress>
    {
        public void Report(CollectProgress value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
