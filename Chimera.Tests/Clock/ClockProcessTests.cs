using System.Globalization;
using System.Text.Json;
using Chimera.Cluster.Http;
using Chimera.Cluster.Protocol;
using Chimera.Nodes;
using Chimera.Tests.Collecting;

namespace Chimera.Tests.Clock;

/// <summary>A worker process whose local clock is 5 s ahead records on the manager's timeline.</summary>
[Trait("Category", "Integration")]
[Collection("processes")]
public class ClockProcessTests
{
    private static readonly TimeSpan s_tolerance = TimeSpan.FromMilliseconds(2);

    [Fact]
    public async Task SkewedWorker_RecordsTimestampsOnTheManagersClock_Within2ms()
    {
        var managerLogs = CollectTestCluster.TempDir("chimera-clock-m-");
        var workerLogs = CollectTestCluster.TempDir("chimera-clock-w-");
        try
        {
            // The manager runs on the system clock; the worker's local clock is the same system clock shifted by +5 s.
            await using var manager = new Manager(new ManagerOptions { LogDirectory = managerLogs });
            var url = await manager.StartServerAsync();
            await using var process = await CollectTestCluster.StartWorkerProcessAsync("skewed", url, workerLogs, new Dictionary<string, string?> { ["CHIMERA_TEST_CLOCK_OFFSET_MS"] = "5000" });

            // 1. The offset the worker measured (sent in heartbeats) is the injected one, to within 2 ms.
            await CollectTestCluster.WaitUntilAsync(
                () => manager.RegisteredWorkers.Single().ClockOffsetMs is { } offset && Math.Abs(offset + 5000) < s_tolerance.TotalMilliseconds,
                TimeSpan.FromSeconds(20),
                $"the worker reports an offset of -5000 ms (last: {manager.RegisteredWorkers.Single().ClockOffsetMs})");
            Assert.InRange(manager.RegisteredWorkers.Single().ClockUncertaintyMs!.Value, 0, s_tolerance.TotalMilliseconds);

            // 2. Rows recorded on the worker carry manager time. Recording is switched on and off by the manager; every
            //    recorded row was stamped after the "on" was sent and before the "off" was answered, on the manager's
            //    clock. A 5 s error (or anything beyond 2 ms plus the loopback latency) falls outside that window.
            var graph = new Chimera.Graph("ticks")
                .AddNode("gen", new Counter { Rate = 1000 })
                .AddNode("keep", new TabularRecorder { Stream = "ticks" })
                .AddEdge("gen", "keep");
            await manager.CommitGraphAsync(graph, new Dictionary<string, IReadOnlyList<string>> { ["skewed"] = ["gen", "keep"] });
            await manager.StartAsync();
            await Task.Delay(300);
            var on = DateTimeOffset.UtcNow;
            await manager.RecordAsync();
            await Task.Delay(1500); // at least one clock-sync round while recording, for clock.csv
            using (var control = new ControlClient(manager.RegisteredWorkers.Single().ControlUrl, "worker 'skewed'", null))
            {
                await control.SendAsync(HttpMethod.Post, "api/record", new RecordRequest(false), CancellationToken.None);
            }

            var off = DateTimeOffset.UtcNow;
            await manager.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            var collected = await manager.CollectAsync();

            var worker = Path.Combine(collected.Directory, "skewed");
            var stamps = File.ReadAllLines(Path.Combine(worker, "keep", "ticks.csv")).Skip(1)
                .Select(l => DateTimeOffset.Parse(l.Split(',')[0], CultureInfo.InvariantCulture))
                .ToList();
            Assert.True(stamps.Count > 100, $"{stamps.Count} rows recorded");
            Assert.True(stamps[0] >= on - s_tolerance, $"first row {stamps[0]:O} is before recording was switched on at {on:O}");
            Assert.True(stamps[^1] <= off + s_tolerance, $"last row {stamps[^1]:O} is after recording was switched off at {off:O}");

            // 3. The local time is kept: clock.csv pairs manager and local time, and meta.json has the offset.
            var log = File.ReadAllLines(Path.Combine(worker, "clock.csv"));
            Assert.Equal("manager_time,local_time,offset_ms,uncertainty_ms,round_trip_ms", log[0]);
            var cells = log[1].Split(',');
            var skew = DateTimeOffset.Parse(cells[1], CultureInfo.InvariantCulture) - DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture);
            Assert.InRange(skew.TotalMilliseconds, 5000 - s_tolerance.TotalMilliseconds, 5000 + s_tolerance.TotalMilliseconds);
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(collected.Directory, "meta.json")));
            var clock = meta.RootElement.GetProperty("workers")[0].GetProperty("clock");
            Assert.Equal("probes", clock.GetProperty("source").GetString());
            Assert.InRange(clock.GetProperty("offsetMs").GetDouble(), -5000 - s_tolerance.TotalMilliseconds, -5000 + s_tolerance.TotalMilliseconds);
            await manager.ShutdownAsync();
        }
        finally
        {
            CollectTestCluster.Delete(managerLogs, workerLogs);
        }
    }
}
