using Chimera.Examples.LiveVideo;

namespace Chimera.Tests.Examples;

/// <summary>Live video on the embedded local cluster; needs ffmpeg for the recorder.</summary>
[Trait("Category", "Integration")]
public class LiveVideoExampleTests
{
    [Fact]
    public async Task LiveVideo_RecordsGrayFramesOnTheRecorderWorker()
    {
        var logs = Directory.CreateTempSubdirectory("chimera-live-").FullName;
        var output = new StringWriter();
        var settings = new LiveVideoSettings { LogDirectory = logs, Preview = TimeSpan.FromMilliseconds(300), Duration = TimeSpan.FromSeconds(1), Fps = 10 };

        var files = await LiveVideoExample.RunAsync(output, settings);

        var video = Assert.Single(files, f => f.EndsWith(Path.Combine("recorder", "save", "gray.mp4"), StringComparison.Ordinal));
        Assert.True(new FileInfo(video).Length > 0);
        Assert.StartsWith(logs, video, StringComparison.Ordinal);
        Assert.Contains(files, f => f.EndsWith("meta.json", StringComparison.Ordinal));
        var timestamps = Assert.Single(files, f => f.EndsWith("gray.timestamps.csv", StringComparison.Ordinal));
        Assert.True(File.ReadAllLines(timestamps).Length > 2, "the recorder wrote frames while recording");
        Assert.Contains("Committed camera → gray → save on workers camera, vision, recorder.", output.ToString(), StringComparison.Ordinal);
    }
}
