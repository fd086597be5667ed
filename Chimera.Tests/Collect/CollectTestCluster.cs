using System.Diagnostics;
using Chimera.Nodes;
using Chimera.Tests.Processes;

namespace Chimera.Tests.Collecting;

/// <summary>Helpers shared by the collect and clock tests: temporary folders, worker processes, and a two-island graph.</summary>
internal static class CollectTestCluster
{
    public static string TempDir(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    public static async Task<ChimeraProcess> StartWorkerProcessAsync(string name, string managerUrl, string logdir, IDictionary<string, string?>? environment = null)
    {
        var worker = ChimeraProcess.Start(
            ["worker", "--name", name, "--manager", managerUrl, "--logdir", logdir, "--assembly-dir", Path.Combine(Path.GetTempPath(), "chimera-test-assemblies", Guid.NewGuid().ToString("N"))],
            environment);
        await worker.WaitForLineAsync($"Worker \"{name}\" joined the manager");
        return worker;
    }

    /// <summary>Starts an in-process worker that joins <paramref name="managerUrl"/> over loopback HTTP, as a remote worker would.</summary>
    public static async Task<Worker> StartWorkerAsync(string name, string managerUrl, string logdir)
    {
        var worker = new Worker(new WorkerOptions
        {
            Name = name,
            ManagerUrl = managerUrl,
            LogDirectory = logdir,
            AssemblyDirectory = Path.Combine(Path.GetTempPath(), "chimera-test-assemblies", Guid.NewGuid().ToString("N")),
        });
        await worker.StartAsync();
        await WaitUntilAsync(() => worker.IsJoined, TimeSpan.FromSeconds(20), $"worker {name} joins");
        return worker;
    }

    /// <summary>One Counter → TabularRecorder island per worker (the cross-process data plane is not needed).</summary>
    public static (Chimera.Graph Graph, Dictionary<string, IReadOnlyList<string>> Mapping) Islands(int count, params string[] workers)
    {
        var graph = new Chimera.Graph("islands");
        var mapping = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var worker in workers)
        {
            graph.AddNode($"gen-{worker}", new Counter { Count = count, Start = 1000 })
                .AddNode($"keep-{worker}", new TabularRecorder { Stream = "numbers" })
                .AddEdge($"gen-{worker}", $"keep-{worker}");
            mapping[worker] = [$"gen-{worker}", $"keep-{worker}"];
        }

        return (graph, mapping);
    }

    public static IEnumerable<string> Values(string csv) => File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')[1]);

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not true within {timeout.TotalSeconds} s: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static void Delete(params string[] dirs)
    {
        foreach (var dir in dirs)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
