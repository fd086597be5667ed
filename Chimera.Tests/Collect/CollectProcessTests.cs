using System.Security.Cryptography;
using Chimera.Host.CommandLine;

namespace Chimera.Tests.Collecting;

/// <summary>Collect from real <c>chimera worker</c> processes on loopback, each with its own log directory.</summary>
[Trait("Category", "Integration")]
[Collection("processes")]
public class CollectProcessTests
{
    [Fact]
    public async Task Collect_TwoWorkerProcesses_OverTheNetwork_ProducesTheTree_WithVerifiedHashes()
    {
        var managerLogs = CollectTestCluster.TempDir("chimera-collect-m-");
        var w1Logs = CollectTestCluster.TempDir("chimera-collect-w1-");
        var w2Logs = CollectTestCluster.TempDir("chimera-collect-w2-");
        try
        {
            await using var manager = new Manager(new ManagerOptions { LogDirectory = managerLogs });
            var url = await manager.StartServerAsync();
            await using var w1 = await CollectTestCluster.StartWorkerProcessAsync("w1", url, w1Logs);
            await using var w2 = await CollectTestCluster.StartWorkerProcessAsync("w2", url, w2Logs);
            var (graph, mapping) = CollectTestCluster.Islands(5000, "w1", "w2");
            await manager.CommitGraphAsync(graph, mapping);
            await manager.RecordAsync();
            await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

            // Hash what actually arrives, independently of the puller's own checks.
            var received = new Dictionary<string, IncrementalHash>();
            manager.Collect.MoveLocalFolders = false;
            manager.Collect.ChunkSize = 16 * 1024;
            manager.Collect.Faults = new Chimera.Cluster.Collect.CollectFaults
            {
                OnChunk = (worker, offset, attempt, bytes) =>
                {
                    lock (received)
                    {
                        if (!received.TryGetValue(worker, out var hash))
                        {
                            received[worker] = hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                        }

                        hash.AppendData(bytes);
                    }

                    return bytes;
                },
            };

            var result = await manager.CollectAsync();

            Assert.Equal(manager.RunDirectory, result.Directory);
            Assert.Equal(["w1", "w2"], result.Workers.Select(w => w.Worker).Order());
            foreach (var worker in result.Workers)
            {
                Assert.Equal("transferred", worker.Method);
                Assert.Equal(Convert.ToHexStringLower(received[worker.Worker].GetHashAndReset()), worker.Sha256);
                Assert.True(worker.Bytes > 16 * 1024, "several chunks");
                var csv = Path.Combine(result.Directory, worker.Worker, $"keep-{worker.Worker}", "numbers.csv");
                Assert.Equal(Enumerable.Range(1000, 5000).Select(i => i.ToString()), CollectTestCluster.Values(csv));
            }

            Assert.True(File.Exists(Path.Combine(result.Directory, "meta.json")));
            Assert.Empty(Directory.GetFileSystemEntries(result.Directory, ".*"));

            // The workers keep their own copy; only their temporary archives are gone.
            Assert.Single(Directory.GetFiles(w1Logs, "numbers.csv", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(w1Logs, ".collect-*", SearchOption.AllDirectories));
            await manager.ShutdownAsync();
        }
        finally
        {
            CollectTestCluster.Delete(managerLogs, w1Logs, w2Logs);
        }
    }

    [Fact]
    public async Task Collect_WorkerProcessOnThisHost_AfterReset_MovesItsFolder_AndTheCliReportsIt()
    {
        var managerLogs = CollectTestCluster.TempDir("chimera-collect-m-");
        var workerLogs = CollectTestCluster.TempDir("chimera-collect-w-");
        var cliLogs = CollectTestCluster.TempDir("chimera-collect-cli-");
        try
        {
            await using var manager = new Manager(new ManagerOptions { LogDirectory = managerLogs });
            var url = await manager.StartServerAsync();
            await using var w1 = await CollectTestCluster.StartWorkerProcessAsync("w1", url, workerLogs);
            var (graph, mapping) = CollectTestCluster.Islands(200, "w1");
            await manager.CommitGraphAsync(graph, mapping);
            await manager.RecordAsync();
            await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            var runFolder = Path.GetFileName(manager.RunDirectory!);
            await manager.ResetAsync();

            var result = await manager.CollectAsync();

            var collected = Assert.Single(result.Workers);
            Assert.Equal("moved", collected.Method);
            Assert.Equal(200, CollectTestCluster.Values(Path.Combine(result.Directory, "w1", "keep-w1", "numbers.csv")).Count());
            Assert.Empty(Directory.GetFiles(workerLogs, "numbers.csv", SearchOption.AllDirectories));

            // chimera collect --logdir: the manager gathers again, into another folder (the worker's files are the manager's now).
            var output = new StringWriter();
            var previous = Console.Out;
            int exit;
            try
            {
                Console.SetOut(output);
                exit = await new System.CommandLine.RootCommand { CollectCommand.Create() }.Parse(["collect", "--manager", url, "--logdir", cliLogs]).InvokeAsync();
            }
            finally
            {
                Console.SetOut(previous);
            }

            Assert.True(exit == 0, output.ToString());
            Assert.Contains($"collected into {Path.Combine(cliLogs, runFolder)}", output.ToString());
            Assert.True(File.Exists(Path.Combine(cliLogs, runFolder, "meta.json")));
            await manager.ShutdownAsync();
        }
        finally
        {
            CollectTestCluster.Delete(managerLogs, workerLogs, cliLogs);
        }
    }
}
