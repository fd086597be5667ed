using System.Security.Cryptography;

namespace Chimera.Tests.Collecting;

/// <summary>Collect from workers that joined over loopback HTTP (in this process), with faults injected into the transfer.</summary>
public class CollectFaultTests
{
    [Fact]
    public async Task Collect_CorruptedAndBrokenChunks_AreRetried_ResumingWhereTheyStopped()
    {
        var managerLogs = CollectTestCluster.TempDir("chimera-collect-m-");
        var workerLogs = CollectTestCluster.TempDir("chimera-collect-w-");
        try
        {
            await using var manager = new Manager(new ManagerOptions { LogDirectory = managerLogs });
            var url = await manager.StartServerAsync();
            await using var worker = await CollectTestCluster.StartWorkerAsync("w1", url, workerLogs);
            var (graph, mapping) = CollectTestCluster.Islands(3000, "w1");
            await manager.CommitGraphAsync(graph, mapping);
            await manager.RecordAsync();
            await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

            var offsets = new List<(long Offset, int Attempt)>();
            manager.Collect.MoveLocalFolders = false;
            manager.Collect.ChunkSize = 4096;
            manager.Collect.RetryDelay = TimeSpan.FromMilliseconds(10);
            manager.Collect.Faults = new Chimera.Cluster.Collect.CollectFaults
            {
                OnChunk = (w, offset, attempt, bytes) =>
                {
                    offsets.Add((offset, attempt));
                    if (attempt == 1 && offset == 8192)
                    {
                        bytes[10] ^= 0xFF;
                    }

                    if (attempt == 2 && offset == 16384)
                    {
                        throw new IOException("connection reset (injected)");
                    }

                    return bytes;
                },
            };
            var events = new List<ClusterEvent>();
            manager.EventRaised += e =>
            {
                lock (events)
                {
                    events.Add(e);
                }
            };

            var result = await manager.CollectAsync();

            var w1 = Assert.Single(result.Workers);
            Assert.Equal("transferred", w1.Method);
            Assert.Equal(3, w1.Attempts);
            Assert.Matches("^[0-9a-f]{64}$", w1.Sha256);
            Assert.Equal(Enumerable.Range(1000, 3000).Select(i => i.ToString()), CollectTestCluster.Values(Path.Combine(result.Directory, "w1", "keep-w1", "numbers.csv")));

            // Each retry resumed at the chunk that failed, not at the start.
            Assert.Equal((8192L, 2), offsets.First(o => o.Attempt == 2));
            Assert.Equal((16384L, 3), offsets.First(o => o.Attempt == 3));
            Assert.Empty(Directory.GetFileSystemEntries(result.Directory, ".*"));
            Assert.Empty(Directory.GetFiles(workerLogs, ".collect-*", SearchOption.AllDirectories));
            lock (events)
            {
                Assert.Contains(events, e => e.Kind == "collect-progress" && e.Collect!.Stage == CollectStage.Retrying && e.Message.Contains("failed its check"));
                Assert.Contains(events, e => e.Kind == "collect-progress" && e.Collect!.Stage == CollectStage.Retrying && e.Message.Contains("connection reset (injected)"));
            }
        }
        finally
        {
            CollectTestCluster.Delete(managerLogs, workerLogs);
        }
    }

    [Fact]
    public async Task Collect_EveryAttemptFailsAfterUnpacking_NoFolderLooksComplete_AndTheErrorNamesWorkerAndRun()
    {
        var managerLogs = CollectTestCluster.TempDir("chimera-collect-m-");
        var workerLogs = CollectTestCluster.TempDir("chimera-collect-w-");
        try
        {
            await using var manager = new Manager(new ManagerOptions { LogDirectory = managerLogs });
            var url = await manager.StartServerAsync();
            await using var worker = await CollectTestCluster.StartWorkerAsync("w1", url, workerLogs);
            var (graph, mapping) = CollectTestCluster.Islands(100, "w1");
            var blueprint = await manager.CommitGraphAsync(graph, mapping);
            await manager.RecordAsync();
            await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            var partials = new List<string>();
            manager.Collect.MoveLocalFolders = false;
            manager.Collect.RetryDelay = TimeSpan.FromMilliseconds(10);
            manager.Collect.Faults = new Chimera.Cluster.Collect.CollectFaults
            {
                AfterExtract = (w, attempt, partial) =>
                {
                    Assert.True(File.Exists(Path.Combine(partial, "keep-w1", "numbers.csv")));
                    partials.Add(partial);
                    throw new IOException("disk full (injected)");
                },
            };

            var ex = await Assert.ThrowsAsync<IOException>(() => manager.CollectAsync());

            Assert.Contains($"Collecting worker 'w1' of run {blueprint.Id} into {Path.Combine(manager.RunDirectory!, "w1")} failed after 3 attempts: disk full (injected)", ex.Message);
            Assert.Equal(3, partials.Count);
            Assert.Equal(Path.Combine(manager.RunDirectory!, ".w1.partial"), partials[0]);
            Assert.False(Directory.Exists(Path.Combine(manager.RunDirectory!, "w1")));
            Assert.Empty(Directory.GetFileSystemEntries(manager.RunDirectory!, ".*"));

            // Without the fault, the same run is collected.
            manager.Collect.Faults = null;
            var result = await manager.CollectAsync();
            Assert.Equal(100, CollectTestCluster.Values(Path.Combine(result.Directory, "w1", "keep-w1", "numbers.csv")).Count());
        }
        finally
        {
            CollectTestCluster.Delete(managerLogs, workerLogs);
        }
    }

    [Fact]
    public async Task Archives_ServeChunksWithTheirHash_AndRefuseBadRanges()
    {
        var logdir = CollectTestCluster.TempDir("chimera-archives-");
        try
        {
            var folder = Path.Combine(logdir, "2026-01-01_00-00-00-abc123", "w1", "node");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "hello");
            var archives = new Chimera.Cluster.Collect.WorkerArchives("w1", logdir);

            var manifest = await archives.PrepareAsync("abc123", pack: true, CancellationToken.None);
            var (bytes, sha) = await archives.ReadAsync("abc123", 0, (int)manifest.Length, CancellationToken.None);

            Assert.Equal(1, manifest.Files);
            Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(manifest.Sha256, sha);
            var bad = await Assert.ThrowsAsync<ArgumentException>(() => archives.ReadAsync("abc123", manifest.Length, 10, CancellationToken.None));
            Assert.Contains("is outside the archive of run abc123", bad.Message);
            Assert.Throws<ArgumentException>(() => archives.Release("../etc"));
            var empty = await archives.PrepareAsync("nothing", pack: true, CancellationToken.None);
            Assert.Equal(0, empty.Length);
            archives.Release("abc123");
            Assert.Empty(Directory.GetFiles(logdir, "*.tar", SearchOption.AllDirectories));
        }
        finally
        {
            CollectTestCluster.Delete(logdir);
        }
    }
}
