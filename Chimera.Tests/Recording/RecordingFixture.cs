using Chimera.Recording;

namespace Chimera.Tests.Recording;

/// <summary>A temporary run folder, a <see cref="RunRecording"/> with a switch, and node contexts wired to it.</summary>
internal sealed class RecordingFixture : IAsyncDisposable
{
    private bool _disposed;

    public RecordingFixture(bool recording = true, RecordingOptions? options = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "chimera-rec-" + Guid.NewGuid().ToString("N"));
        Recording = recording;
        Run = new RunRecording(Path.Combine(Root, "2026-11-21_10-00-00-run1"), () => Recording, options);
    }

    public string Root { get; }

    public bool Recording { get; set; }

    public RunRecording Run { get; }

    public NodeContext Context(string node = "cam", string worker = "w1") =>
        new(node, 0, worker, "run1", [], null, null, () => Recording, Run.RunFolder, Run.GetRecorder(worker, node));

    public string NodeFile(string file, string node = "cam", string worker = "w1") => Path.Combine(Run.RunFolder, worker, node, file);

    /// <summary>Closes the recording (as the runtime does after teardown); the folder stays for assertions.</summary>
    public async Task CloseAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await Run.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        finally
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
    }
}
