namespace Chimera.Tests.Recording;

public sealed class TabularRecordingTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SaveTabular_Rows_HeaderOnceAndRfc4180Quoting()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();

        await ctx.SaveTabularAsync("metrics", new Dictionary<string, object?> { ["x"] = 1.5, ["label"] = "plain" });
        await ctx.SaveTabularAsync("metrics", new Dictionary<string, object?> { ["x"] = -2, ["label"] = "a,b \"quoted\"\nline" });
        await ctx.SaveTabularAsync("metrics", new Dictionary<string, object?> { ["label"] = null });
        await fx.CloseAsync();

        var text = await File.ReadAllTextAsync(fx.NodeFile("metrics.csv"));
        var lines = text.Split("\r\n");
        Assert.Equal("timestamp,x,label", lines[0]);
        Assert.EndsWith(",1.5,plain", lines[1]);
        Assert.EndsWith(",-2,\"a,b \"\"quoted\"\"\nline\"", lines[2]);
        Assert.EndsWith(",,", lines[3]);
        Assert.Equal(string.Empty, lines[4]);
        Assert.Equal(5, lines.Length);
        Assert.True(DateTimeOffset.TryParse(lines[1].Split(',')[0], out _));
    }

    [Fact]
    public async Task SaveTabular_Object_PublicPropertiesBecomeColumns()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();

        ctx.SaveTabular("objects", new Sample(3, "x", true));
        await fx.CloseAsync();

        var lines = File.ReadAllLines(fx.NodeFile("objects.csv"));
        Assert.Equal("timestamp,Count,Name,Flag", lines[0]);
        Assert.EndsWith(",3,x,true", lines[1]);
    }

    [Fact]
    public async Task SaveTabular_NewColumnLater_ThrowsNamingColumnAndStream()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        await ctx.SaveTabularAsync("m", new Dictionary<string, object?> { ["a"] = 1 });

        var e = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await ctx.SaveTabularAsync("m", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 }));

        Assert.StartsWith("The stream 'm' of node 'cam' on worker 'w1' got column 'b' that its first row did not have; the CSV header (timestamp, a) is fixed by the first row.", e.Message);
    }

    [Fact]
    public async Task SaveTabular_TimestampColumn_IsReserved()
    {
        await using var fx = new RecordingFixture();

        var e = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await fx.Context().SaveTabularAsync("m", new Dictionary<string, object?> { ["timestamp"] = 1 }));

        Assert.Contains("'timestamp'", e.Message);
    }

    [Fact]
    public async Task SaveJsonAndText_WriteLinesWithTimestamps()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();

        await ctx.SaveJsonAsync("events", new { kind = "start", n = 1 });
        await ctx.SaveJsonAsync("events", new[] { 1, 2 });
        await ctx.SaveTextAsync("log", "hello");
        ctx.SaveText("log", "wörld");
        await fx.CloseAsync();

        var json = File.ReadAllLines(fx.NodeFile("events.jsonl"));
        Assert.Equal(2, json.Length);
        using var first = System.Text.Json.JsonDocument.Parse(json[0]);
        Assert.Equal("start", first.RootElement.GetProperty("value").GetProperty("kind").GetString());
        Assert.True(first.RootElement.GetProperty("unix_ns").GetInt64() > 0);
        Assert.EndsWith("\"value\":[1,2]}", json[1]);
        Assert.Equal(["hello", "wörld"], File.ReadAllLines(fx.NodeFile("log.txt")));
    }

    [Fact]
    public async Task Save_WhilePreviewing_WritesNothing()
    {
        await using var fx = new RecordingFixture(recording: false);
        var ctx = fx.Context();

        await ctx.SaveTabularAsync("m", new Dictionary<string, object?> { ["a"] = 1 });
        await ctx.SaveTextAsync("t", "x");
        await ctx.SaveJsonAsync("j", 1);
        await ctx.SaveAudioAsync("a", new float[] { 0.1f }, 1, 8000);
        using (var image = new Chimera.Media.ImageFrame(4, 4, Chimera.Media.PixelFormat.Rgb24))
        {
            await ctx.SaveImageAsync("i", image);
            await ctx.SaveVideoAsync("v", image, 30);
        }

        await fx.CloseAsync();

        Assert.False(Directory.Exists(fx.Run.RunFolder));
    }

    [Fact]
    public async Task Save_SwitchToggled_KeepsOnlyRecordedRows()
    {
        await using var fx = new RecordingFixture(recording: false);
        var ctx = fx.Context();

        await ctx.SaveTextAsync("t", "preview");
        fx.Recording = true;
        await ctx.SaveTextAsync("t", "recorded");
        fx.Recording = false;
        await ctx.SaveTextAsync("t", "after");
        await fx.CloseAsync();

        Assert.Equal(["recorded"], File.ReadAllLines(fx.NodeFile("t.txt")));
    }

    [Fact]
    public async Task Save_SameNameOtherKind_Throws()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        await ctx.SaveTextAsync("s", "x");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await ctx.SaveJsonAsync("s", 1));

        Assert.Equal("The stream 's' of node 'cam' on worker 'w1' is a Text stream; it cannot also take Json entries. Save Json under another name.", e.Message);
    }

    [Fact]
    public async Task Save_PathInName_Throws()
    {
        await using var fx = new RecordingFixture();

        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await fx.Context().SaveTextAsync("../escape", "x"));

        Assert.StartsWith("Node 'cam' saves to a stream named '../escape'", e.Message);
    }

    [Fact]
    public async Task Save_AfterDispose_Throws()
    {
        await using var fx = new RecordingFixture();
        var ctx = fx.Context();
        await ctx.SaveTextAsync("t", "x");
        await fx.CloseAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await ctx.SaveTextAsync("t", "y"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await ctx.SaveTextAsync("other", "y"));
    }

    [Fact]
    public async Task SaveTabular_WhileOpen_RowsReachTheFileWithinTheFlushInterval()
    {
        await using var fx = new RecordingFixture(options: new Chimera.Recording.RecordingOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
        await fx.Context().SaveTabularAsync("m", new Dictionary<string, object?> { ["a"] = 42 });

        var path = fx.NodeFile("m.csv");
        var text = string.Empty;
        for (var i = 0; i < 100 && !text.Contains(",42", StringComparison.Ordinal); i++)
        {
            await Task.Delay(20);
            if (File.Exists(path))
            {
                using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                text = await reader.ReadToEndAsync();
            }
        }

        Assert.Contains(",42", text);
    }

    [Fact]
    public async Task Save_ManyNodesAndStreamsConcurrently_KeepsEveryRow()
    {
        await using var fx = new RecordingFixture(options: new Chimera.Recording.RecordingOptions { QueueCapacity = 4 });
        var nodes = Enumerable.Range(0, 4).Select(i => fx.Context("n" + i)).ToArray();

        await Parallel.ForEachAsync(Enumerable.Range(0, 400), async (i, ct) =>
            await nodes[i % 4].SaveTabularAsync("s" + (i % 3), new Dictionary<string, object?> { ["i"] = i }, ct));
        await fx.CloseAsync();

        var rows = nodes.SelectMany(n => Enumerable.Range(0, 3).Select(s => fx.NodeFile($"s{s}.csv", node: n.Name)))
            .SelectMany(f => File.ReadAllLines(f).Skip(1))
            .Select(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToArray();
        Assert.Equal(Enumerable.Range(0, 400), rows);
    }

    private sealed record Sample(int Count, string Name, bool Flag);
}
