using Chimera.Nodes;

namespace Chimera.Examples.LiveVideo;

/// <summary>
/// ChimeraPy's live-video pipeline: a camera (or a test pattern) on one worker, grayscale on another, a video recorder
/// on a third; preview, record, stop, then gather the recorded files. The same code runs on an embedded local cluster
/// or, with <see cref="LiveVideoSettings.ManagerUrl"/>, on worker processes that joined the manager.
/// </summary>
public static class LiveVideoExample
{
    /// <summary>The workers the pipeline is mapped onto: one per stage, as on three machines.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Mapping = new Dictionary<string, IReadOnlyList<string>>
    {
        ["camera"] = ["camera"],
        ["vision"] = ["gray"],
        ["recorder"] = ["save"],
    };

    /// <summary>Builds the graph: camera → gray → save.</summary>
    /// <param name="settings">Frame size, rate and the camera device, if any.</param>
    /// <returns>The graph.</returns>
    public static Graph BuildGraph(LiveVideoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Node source = settings.Camera is { } device
            ? new Camera { Device = device, Width = settings.Width, Height = settings.Height, Fps = settings.Fps }
            : new TestPatternVideo { Width = settings.Width, Height = settings.Height, Fps = settings.Fps };

        // Backpressure (the default) on short edges: a recording keeps every frame, and a slow encoder slows the
        // source instead of filling memory. A live preview would use OverflowPolicy.Latest instead.
        var edge = new EdgeOptions { Capacity = 4 };
        return new Graph("live-video")
            .AddNode("camera", source)
            .AddNode("gray", new Grayscale())
            .AddNode("save", new VideoRecorder { Stream = "gray", Fps = settings.Fps })
            .AddEdge("camera", "gray", edge)
            .AddEdge("gray", "save", edge);
    }

    /// <summary>Runs preview → record → stop → collect and prints where the recording is.</summary>
    /// <param name="output">Where the example reports.</param>
    /// <param name="settings">The example's settings.</param>
    /// <param name="cancellationToken">Stops the example.</param>
    /// <returns>The recorded files.</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(TextWriter output, LiveVideoSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new LiveVideoSettings();
        var options = new ManagerOptions { LogDirectory = settings.LogDirectory };
        if (settings.ManagerUrl is { } listen)
        {
            var uri = new Uri(listen);
            options.Host = uri.Host;
            options.Port = uri.Port;
        }

        await using var manager = new Manager(options);
        if (settings.ManagerUrl is not null)
        {
            var url = await manager.StartServerAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Manager on {url}; waiting for workers: {string.Join(", ", Mapping.Keys.Select(w => $"chimera worker --name {w} --manager {url}"))}").ConfigureAwait(false);
            await WaitForWorkersAsync(manager, settings.JoinTimeout, cancellationToken).ConfigureAwait(false);
        }

        await manager.CommitGraphAsync(BuildGraph(settings), Mapping, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Committed camera → gray → save on workers {string.Join(", ", manager.Workers)}.").ConfigureAwait(false);

        // Preview first (frames flow, the recorder writes nothing), as one would aim a camera before recording.
        await manager.StartAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(settings.Preview, cancellationToken).ConfigureAwait(false);
        await manager.RecordAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Recording for {settings.Duration.TotalSeconds:0.#} s …").ConfigureAwait(false);
        await Task.Delay(settings.Duration, cancellationToken).ConfigureAwait(false);
        var report = await manager.StopAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(report.ToTable()).ConfigureAwait(false);

        var files = await GatherRecordingAsync(manager, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Recorded files ({files.Count}):").ConfigureAwait(false);
        foreach (var file in files)
        {
            await output.WriteLineAsync($"  {file} ({new FileInfo(file).Length:N0} bytes)").ConfigureAwait(false);
        }

        return files;
    }

    /// <summary>
    /// Collects the recording once the run stopped: every worker's folder is moved (same machine) or pulled with
    /// SHA-256 checks (other machines) into the manager's run folder, beside <c>meta.json</c>.
    /// </summary>
    private static async Task<IReadOnlyList<string>> GatherRecordingAsync(Manager manager, CancellationToken cancellationToken)
    {
        var collected = await manager.CollectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Directory.Exists(collected.Directory)
            ? [.. Directory.EnumerateFiles(collected.Directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>Waits until the three workers of <see cref="Mapping"/> are registered and up.</summary>
    private static async Task WaitForWorkersAsync(Manager manager, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (!Mapping.Keys.All(name => manager.RegisteredWorkers.Any(w => w.Name == name && w.Liveness == "up")))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var up = string.Join(", ", manager.RegisteredWorkers.Where(w => w.Liveness == "up").Select(w => w.Name));
                throw new TimeoutException($"Workers camera, vision and recorder did not all join within {timeout.TotalSeconds:0} s (up: {(up.Length == 0 ? "none" : up)}).");
            }
        }
    }
}
