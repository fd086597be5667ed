namespace Chimera.Examples.LiveVideo;

/// <summary>Settings of the live-video example.</summary>
public sealed class LiveVideoSettings
{
    /// <summary>How long to preview before recording starts (recorders ignore preview frames). Defaults to 0.5 s.</summary>
    public TimeSpan Preview { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long to record. Defaults to 3 s.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Frame width. Defaults to 320.</summary>
    public int Width { get; set; } = 320;

    /// <summary>Frame height. Defaults to 240.</summary>
    public int Height { get; set; } = 240;

    /// <summary>Frames per second. Defaults to 15.</summary>
    public double Fps { get; set; } = 15;

    /// <summary>A V4L2 camera to capture (e.g. <c>/dev/video0</c>), or <see langword="null"/> (the default) for a synthetic test pattern.</summary>
    public string? Camera { get; set; }

    /// <summary>Where the manager keeps runs. Defaults to <c>chimera-examples/live-video</c> in the temp folder.</summary>
    public string LogDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "chimera-examples", "live-video");

    /// <summary>
    /// Where the manager's control API listens (e.g. <c>http://0.0.0.0:6000</c>); the example then waits for workers
    /// named <c>camera</c>, <c>vision</c> and <c>recorder</c> to join (<c>chimera worker --name camera --manager URL</c>)
    /// and runs on them. <see langword="null"/> (the default) runs on an embedded local cluster of the same three workers.
    /// </summary>
    public string? ManagerUrl { get; set; }

    /// <summary>How long to wait for the three workers when <see cref="ManagerUrl"/> is set. Defaults to 60 s.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
