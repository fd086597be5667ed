using Chimera.Pipelines;

namespace Chimera.Tests.Pipelines;

public sealed class PipelineRunTests
{
    [Fact]
    public async Task NumbersExample_RecordedOnEmbeddedManager_Writes1000RowsInOrder()
    {
        var logdir = Directory.CreateTempSubdirectory("chimera-pipeline-run-").FullName;
        try
        {
            var pipeline = Pipeline.Load(Path.Combine(RepositoryRoot.Path, "hocon", "pipelines", "numbers.conf"));
            await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
            await manager.CommitGraphAsync(pipeline.Graph, pipeline.Mapping);
            await manager.RecordAsync();
            var report = await manager.WaitForCompletionAsync();

            Assert.Equal(RunStatus.Completed, report.Status);
            var run = Assert.Single(Directory.GetDirectories(logdir));
            var lines = File.ReadAllLines(Path.Combine(run, Chimera.Blueprint.DefaultWorker, "keep", "numbers.csv"));
            Assert.Equal("timestamp,default", lines[0]);
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[1]));
        }
        finally
        {
            Directory.Delete(logdir, recursive: true);
        }
    }

    [Fact]
    public async Task NumbersExample_WithWorkers_RunsOnTwoEmbeddedWorkers()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "hocon", "pipelines", "numbers.conf")).Replace("# workers", "workers", StringComparison.Ordinal);
        var pipeline = Pipeline.Parse(text, "numbers.conf");
        await using var manager = new Manager();
        await manager.CommitGraphAsync(pipeline.Graph, pipeline.Mapping);
        await manager.StartAsync();
        var report = await manager.WaitForCompletionAsync();

        Assert.Equal(["left", "right"], manager.Workers.Order(StringComparer.Ordinal));
        Assert.Equal(1000, report.Edge("gen", "keep").Received);
    }
}
