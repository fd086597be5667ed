using System.Text.Json;
using Chimera.Nodes;

namespace Chimera.Tests.Cluster;

public class RecordedRunTests
{
    [Fact]
    public async Task Record_TabularRecorder_WritesEveryRow_AndMeta()
    {
        var logdir = Directory.CreateTempSubdirectory("chimera-rec-").FullName;
        try
        {
            var graph = new Chimera.Graph("numbers")
                .AddNode("gen", new Counter { Count = 100 })
                .AddNode("keep", new TabularRecorder { Stream = "numbers" })
                .AddEdge("gen", "keep");
            await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
            await manager.CommitGraphAsync(graph, new Dictionary<string, IReadOnlyList<string>> { ["w1"] = ["gen"], ["w2"] = ["keep"] });
            await manager.RecordAsync();
            var report = await manager.WaitForCompletionAsync();

            var run = Assert.Single(Directory.GetDirectories(logdir));
            Assert.EndsWith(report.RunId, run);
            var lines = File.ReadAllLines(Path.Combine(run, "w2", "keep", "numbers.csv"));
            Assert.Equal("timestamp,default", lines[0]);
            Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString()), lines.Skip(1).Select(l => l.Split(',')[1]));
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "meta.json")));
            Assert.Equal("numbers", meta.RootElement.GetProperty("graph").GetString());
            Assert.Equal("Completed", meta.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            Directory.Delete(logdir, recursive: true);
        }
    }

    [Fact]
    public async Task Preview_WritesNothing()
    {
        var logdir = Directory.CreateTempSubdirectory("chimera-rec-").FullName;
        try
        {
            var graph = new Chimera.Graph("numbers")
                .AddNode("gen", new Counter { Count = 10 })
                .AddNode("keep", new TabularRecorder())
                .AddEdge("gen", "keep");
            await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
            await manager.CommitGraphAsync(graph);
            await manager.StartAsync();
            await manager.WaitForCompletionAsync();

            var run = Assert.Single(Directory.GetDirectories(logdir));
            Assert.Empty(Directory.GetFiles(run, "*.csv", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(logdir, recursive: true);
        }
    }
}
