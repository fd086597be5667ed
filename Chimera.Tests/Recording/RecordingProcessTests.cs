using System.Diagnostics;
using Chimera.Nodes;
using Chimera.Tests.Processes;

namespace Chimera.Tests.Recording;

/// <summary>Recording on real worker processes: video across processes (JPEG on the wire), and what a kill -9 leaves behind.</summary>
[Trait("Category", "Integration")]
[Collection("processes")]
public class RecordingProcessTests
{
    private static async Task<ChimeraProcess> WorkerAsync(string name, string url, string logdir)
    {
        var worker = ChimeraProcess.Start(["worker", "--name", name, "--manager", url, "--logdir", logdir]);
        await worker.WaitForLineAsync($"Worker \"{name}\" joined the manager");
        return worker;
    }

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task Video_720p30_5s_AcrossTwoWorkers_HasExactlyTheFramesSent()
    {
        var logdir = Directory.CreateTempSubdirectory("chimera-video-").FullName;
        await using var manager = new Manager();
        var url = await manager.StartServerAsync();
        await using var camera = await WorkerAsync("camera", url, logdir);
        await using var recorder = await WorkerAsync("recorder", url, logdir);
        var graph = new Chimera.Graph("video")
            .AddNode("pattern", new TestPatternVideo { Width = 1280, Height = 720, Fps = 30, Count = 150 })
            .AddNode("save", new VideoRecorder { Fps = 30 })
            .AddEdge("pattern", "save");
        await manager.CommitGraphAsync(graph, new Dictionary<string, IReadOnlyList<string>> { ["camera"] = ["pattern"], ["recorder"] = ["save"] });
        await manager.RecordAsync();
        var report = await manager.WaitForCompletionAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.Equal(150, report.Edge("pattern", "save").Received);
        var mp4 = Assert.Single(Directory.GetFiles(logdir, "save.mp4", SearchOption.AllDirectories));
        var (code, output) = Run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", mp4);
        Assert.True(code == 0, output);
        Assert.Equal("1280,720,150", output.Trim());
        var timestamps = File.ReadAllLines(Path.ChangeExtension(mp4, null) + ".timestamps.csv");
        Assert.Equal(150, timestamps.Length - 1);
        Directory.Delete(logdir, true);
    }

    [Fact]
    public async Task KillMinus9_WhileRecording_LeavesAReadableWavAndCsv()
    {
        var logdir = Directory.CreateTempSubdirectory("chimera-kill-rec-").FullName;
        await using var manager = new Manager();
        var url = await manager.StartServerAsync();
        await using var worker = await WorkerAsync("rec", url, logdir);
        var graph = new Chimera.Graph("crash")
            .AddNode("sine", new SineAudio { SampleRate = 16000, BlockSize = 800 })
            .AddNode("audio", new AudioRecorder())
            .AddNode("count", new Counter { Rate = 200 })
            .AddNode("rows", new TabularRecorder())
            .AddEdges(("sine", "audio"), ("count", "rows"));
        await manager.CommitGraphAsync(graph, new Dictionary<string, IReadOnlyList<string>> { ["rec"] = ["sine", "audio", "count", "rows"] });
        await manager.RecordAsync();
        await Task.Delay(3500);
        worker.KillHard();
        await worker.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var wav = Assert.Single(Directory.GetFiles(logdir, "audio.wav", SearchOption.AllDirectories));
        var (code, output) = Run("ffprobe", "-v", "error", "-show_entries", "stream=sample_rate,channels:format=duration", "-of", "default=nw=1", wav);
        Assert.True(code == 0, output);
        Assert.Contains("sample_rate=16000", output);
        var duration = double.Parse(output.Split('\n').First(l => l.StartsWith("duration=", StringComparison.Ordinal))["duration=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(duration >= 1.0, $"the header was patched while recording: {duration} s readable");

        var csv = Assert.Single(Directory.GetFiles(logdir, "rows.csv", SearchOption.AllDirectories));
        var lines = File.ReadAllLines(csv);
        Assert.Equal("timestamp,default", lines[0]);
        var complete = lines.Skip(1).Where(l => l.Split(',').Length == 2 && DateTimeOffset.TryParse(l.Split(',')[0], out _)).ToList();
        Assert.True(complete.Count >= 200, $"rows flushed before the kill: {complete.Count}");
        Assert.Equal(Enumerable.Range(0, complete.Count).Select(i => i.ToString()), complete.Select(l => l.Split(',')[1]));
        Assert.True(lines.Length - 1 - complete.Count <= 1, "at most the last line is cut");
        Directory.Delete(logdir, true);
    }
}
