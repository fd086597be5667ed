using System.Globalization;
using Chimera.Nodes;
using Chimera.Recording;
using Chimera.TestKit;

namespace Chimera.Tests.Replay;

public class ReplayTests
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Replay_OfARecordedRun_ReproducesTheSameRows()
    {
        var first = Directory.CreateTempSubdirectory("chimera-replay-a-").FullName;
        var second = Directory.CreateTempSubdirectory("chimera-replay-b-").FullName;
        try
        {
            // Rows with every kind of cell the CSV writer knows: quotes, commas, line breaks, empties, numbers, booleans.
            var recording = new RunRecording(Path.Combine(first, "run"), () => true);
            var recorder = recording.GetRecorder("w1", "sensor");
            for (var i = 0; i < 50; i++)
            {
                var row = new Dictionary<string, object?>
                {
                    ["id"] = (long)i,
                    ["value"] = i * 0.1,
                    ["label"] = i % 3 == 0 ? "plain" : i % 3 == 1 ? "with, comma and \"quotes\"" : "two\r\nlines",
                    ["flag"] = i % 2 == 0,
                    ["maybe"] = i % 5 == 0 ? null : "x",
                };
                await recorder.SaveAsync("readings", RecordingKind.Tabular, row, s_start.AddMilliseconds(i * 10), CancellationToken.None);
            }

            await recording.DisposeAsync();

            var graph = new Chimera.Graph("replayed")
                .AddNode("replay", new Chimera.Nodes.Replay { Path = Path.Combine(first, "run"), Source = "sensor", Stream = "readings", AsFastAsPossible = true })
                .AddNode("keep", new TabularRecorder { Stream = "readings" })
                .AddEdge("replay", "keep");
            await using var manager = new Manager(new ManagerOptions { LogDirectory = second });
            await manager.CommitGraphAsync(graph);
            await manager.RecordAsync();
            var report = await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

            Assert.Equal(RunStatus.Completed, report.Status);
            var original = await ReadAsync(Path.Combine(first, "run", "w1", "sensor", "readings.csv"));
            var replayed = await ReadAsync(Path.Combine(manager.RunDirectory!, "local", "keep", "readings.csv"));
            Assert.Equal(51, original.Count);
            Assert.Equal(original.Select(r => r.Skip(1)), replayed.Select(r => r.Skip(1)));
            Assert.Equal("timestamp", replayed[0][0]);
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
        }
    }

    [Fact]
    public async Task Replay_OfACounterRun_KeepsTheOriginalPacing()
    {
        var first = Directory.CreateTempSubdirectory("chimera-replay-a-").FullName;
        var second = Directory.CreateTempSubdirectory("chimera-replay-b-").FullName;
        try
        {
            var recorded = await RecordAsync(first, new Chimera.Graph("counted")
                .AddNode("gen", new Counter { Count = 30, Rate = 40 })
                .AddNode("keep", new TabularRecorder { Stream = "numbers" })
                .AddEdge("gen", "keep"));
            var (replayedRun, elapsed) = await RecordTimedAsync(second, new Chimera.Graph("replayed")
                .AddNode("replay", new Chimera.Nodes.Replay { Path = recorded, Worker = "local", Source = "keep", Stream = "numbers" })
                .AddNode("keep", new TabularRecorder { Stream = "numbers" })
                .AddEdge("replay", "keep"));

            var original = await ReadAsync(Path.Combine(recorded, "local", "keep", "numbers.csv"));
            var replayed = await ReadAsync(Path.Combine(replayedRun, "local", "keep", "numbers.csv"));
            Assert.Equal(original.Select(r => r[1]), replayed.Select(r => r[1]));

            // Pacing to the millisecond is checked on a manual clock (below). On the wall clock of a busy machine a
            // recorder may stall and write several rows at once, so what is certain is the source's side: the run
            // cannot end before the last row was due, the original's span after the first.
            var originalSpan = Offsets(original)[^1];
            Assert.InRange(elapsed.TotalMilliseconds, originalSpan - 1, originalSpan + 10_000);
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
        }
    }

    [Fact]
    public async Task Replay_AtDoubleSpeed_OnTheWallClock_TakesAtLeastHalfTheRecordedTime()
    {
        var first = Directory.CreateTempSubdirectory("chimera-replay-a-").FullName;
        var second = Directory.CreateTempSubdirectory("chimera-replay-b-").FullName;
        try
        {
            var recording = new RunRecording(Path.Combine(first, "run"), () => true);
            var recorder = recording.GetRecorder("w1", "gen");
            for (var i = 0; i < 30; i++)
            {
                await recorder.SaveAsync("ticks", RecordingKind.Tabular, new Dictionary<string, object?> { ["n"] = (long)i }, s_start.AddMilliseconds(i * 20), CancellationToken.None);
            }

            await recording.DisposeAsync();
            var (replayedRun, elapsed) = await RecordTimedAsync(second, new Chimera.Graph("replayed")
                .AddNode("replay", new Chimera.Nodes.Replay { Path = Path.Combine(first, "run"), Stream = "ticks", Speed = 2 })
                .AddNode("keep", new TabularRecorder { Stream = "ticks" })
                .AddEdge("replay", "keep"));

            var replayed = await ReadAsync(Path.Combine(replayedRun, "local", "keep", "ticks.csv"));
            Assert.Equal(Enumerable.Range(0, 30).Select(i => i.ToString(CultureInfo.InvariantCulture)), replayed.Skip(1).Select(r => r[1]));
            Assert.InRange(elapsed.TotalMilliseconds, 290, 290 + 10_000);
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
        }
    }

    [Fact]
    public async Task Replay_PacesOnTheClock_AtTheGivenSpeed()
    {
        var dir = Directory.CreateTempSubdirectory("chimera-replay-").FullName;
        try
        {
            var file = Path.Combine(dir, "rows.csv");
            await File.WriteAllTextAsync(file, string.Join("\r\n",
                "timestamp,value",
                $"{s_start:O},1",
                $"{s_start.AddMilliseconds(100):O},2",
                $"{s_start.AddMilliseconds(300):O},3") + "\r\n");
            await using var probe = await NodeTestKit.RunAsync(new Chimera.Nodes.Replay { Path = file, Speed = 2 });
            probe.Output.Request(10);

            await probe.Output.ExpectNextAsync<Dictionary<string, object?>>(r => Equals(r["value"], 1L), "row 1 at once");
            await probe.Clock.WaitForTimersAsync();
            probe.Clock.Advance(TimeSpan.FromMilliseconds(49));
            await probe.Output.ExpectNoMessageAsync(TimeSpan.FromMilliseconds(30));
            probe.Clock.Advance(TimeSpan.FromMilliseconds(1));
            await probe.Output.ExpectNextAsync<Dictionary<string, object?>>(r => Equals(r["value"], 2L), "row 2 after 50 ms");
            await probe.Clock.WaitForTimersAsync();
            probe.Clock.Advance(TimeSpan.FromMilliseconds(100));
            await probe.Output.ExpectNextAsync<Dictionary<string, object?>>(r => Equals(r["value"], 3L), "row 3 after 150 ms");
            await probe.Output.ExpectCompleteAsync();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Replay_NoSuchStream_FailsSetupNamingWhatWasLookedFor()
    {
        var dir = Directory.CreateTempSubdirectory("chimera-replay-").FullName;
        try
        {
            var ex = await Assert.ThrowsAsync<CommitFailedException>(() => NodeTestKit.RunAsync(new Chimera.Nodes.Replay { Path = dir, Stream = "nothing" }));

            Assert.Contains($"no recorded stream 'nothing' (.csv, .jsonl or .txt) under {dir} (worker any, node any)", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Replay_JsonLines_EmitsEachValue_AsFastAsPossible()
    {
        var dir = Directory.CreateTempSubdirectory("chimera-replay-").FullName;
        try
        {
            var recording = new RunRecording(Path.Combine(dir, "run"), () => true);
            var recorder = recording.GetRecorder("w1", "events");
            await recorder.SaveAsync("log", RecordingKind.Json, new { kind = "start", n = 1 }, s_start, CancellationToken.None);
            await recorder.SaveAsync("log", RecordingKind.Json, new { kind = "stop", n = 2 }, s_start.AddHours(1), CancellationToken.None);
            await recording.DisposeAsync();
            await using var probe = await NodeTestKit.RunAsync(new Chimera.Nodes.Replay { Path = Path.Combine(dir, "run"), Stream = "log", AsFastAsPossible = true });
            probe.Output.Request(10);

            await probe.Output.ExpectNextAsync<System.Text.Json.JsonElement>(e => e.GetProperty("kind").GetString() == "start", "the first value");
            await probe.Output.ExpectNextAsync<System.Text.Json.JsonElement>(e => e.GetProperty("n").GetInt32() == 2, "the second value, without waiting an hour");
            await probe.Output.ExpectCompleteAsync();
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task CsvReader_QuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var csv = new CsvRecordReader(new StringReader("a,b\r\n\"x, \"\"y\"\"\",\"1\r\n2\"\r\n,\n"));

        Assert.Equal(["a", "b"], await csv.ReadAsync(CancellationToken.None));
        Assert.Equal(["x, \"y\"", "1\r\n2"], await csv.ReadAsync(CancellationToken.None));
        Assert.Equal(["", ""], await csv.ReadAsync(CancellationToken.None));
        Assert.Null(await csv.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("true", true)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("0.1", 0.1)]
    [InlineData("007", "007")]
    [InlineData("1e3", "1e3")]
    [InlineData("text", "text")]
    public void Cell_IsTypedOnlyWhenItFormatsBackTheSame(string text, object? expected)
    {
        Assert.Equal(expected, ReplayCell.Parse(text));
    }

    private static async Task<string> RecordAsync(string logdir, Chimera.Graph graph) => (await RecordTimedAsync(logdir, graph)).Run;

    /// <summary>Records a run; also returns how long it ran on the wall clock (from record to completion).</summary>
    private static async Task<(string Run, TimeSpan Elapsed)> RecordTimedAsync(string logdir, Chimera.Graph graph)
    {
        await using var manager = new Manager(new ManagerOptions { LogDirectory = logdir });
        await manager.CommitGraphAsync(graph);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await manager.RecordAsync();
        await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return (manager.RunDirectory!, watch.Elapsed);
    }

    private static async Task<List<List<string>>> ReadAsync(string path)
    {
        using var reader = new StreamReader(path);
        var csv = new CsvRecordReader(reader);
        var rows = new List<List<string>>();
        while (await csv.ReadAsync(CancellationToken.None) is { } row)
        {
            rows.Add(row);
        }

        return rows;
    }

    private static List<double> Offsets(List<List<string>> rows)
    {
        var times = rows.Skip(1).Select(r => DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        return [.. times.Select(t => (t - times[0]).TotalMilliseconds)];
    }
}
