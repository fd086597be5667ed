using System.Text;

namespace Chimera.Recording;

/// <summary>
/// The <c>name.timestamps.csv</c> beside a video or image sequence: <c>frame,timestamp,unix_ns</c>, one row per
/// saved frame, so each frame's capture time survives the container (an mp4 only knows the nominal rate).
/// </summary>
internal sealed class TimestampLog : IAsyncDisposable
{
    /// <summary>The file's writer.</summary>
    private readonly StreamWriter _writer;

    /// <summary>Creates the file and writes the header.</summary>
    public TimestampLog(string path)
    {
        _writer = new StreamWriter(RecordingFiles.Create(path), new UTF8Encoding(false)) { NewLine = "\r\n" };
        _writer.WriteLine("frame,timestamp,unix_ns");
    }

    /// <summary>Adds one row.</summary>
    public Task AppendAsync(long frame, DateTimeOffset timestamp) =>
        _writer.WriteLineAsync($"{frame},{RecordingFiles.Iso(timestamp)},{RecordingFiles.UnixNanoseconds(timestamp)}");

    /// <summary>Pushes rows to the operating system.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    /// <summary>Flushes and closes the file.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
