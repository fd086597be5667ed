using Chimera.Media;

namespace Chimera.Nodes;

/// <summary>
/// Reads fixed-size raw blocks (frames, audio blocks) from an ffmpeg process's stdout. Owns the process: disposing
/// kills it if needed and awaits it, so a node's teardown leaves nothing running.
/// </summary>
internal sealed class FfmpegReader : IAsyncDisposable
{
    /// <summary>The process.</summary>
    private readonly FfmpegProcess _process;

    /// <summary>Wraps a started process.</summary>
    private FfmpegReader(FfmpegProcess process) => _process = process;

    /// <summary>How long <see cref="DeviceEndedAsync"/> waits for ffmpeg to exit and say why.</summary>
    private static readonly TimeSpan LastWordsPatience = TimeSpan.FromSeconds(2);

    /// <summary>Starts ffmpeg with output on stdout.</summary>
    /// <exception cref="InvalidOperationException">ffmpeg cannot be started; the message says to install it.</exception>
    public static FfmpegReader Start(string ffmpeg, IEnumerable<string> arguments, string description) =>
        new(FfmpegProcess.Start(ffmpeg, arguments, redirectInput: false, redirectOutput: true, description));

    /// <summary>Fills <paramref name="buffer"/> completely, or returns <see langword="false"/> at the end of the output (a partial block is discarded).</summary>
    public async ValueTask<bool> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await _process.Output.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == buffer.Length;
    }

    /// <summary>
    /// After a device's output ended: the error for node <paramref name="node"/>, with what ffmpeg said. ffmpeg closes
    /// stdout before its last stderr lines are read, so this waits (briefly) for it to exit first; read right away, the
    /// reason was sometimes missing from the message.
    /// </summary>
    public async Task<IOException> DeviceEndedAsync(string node, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(LastWordsPatience);
        try
        {
            await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still running with its output closed: report what it has said so far.
        }

        return new IOException(NodeMessages.DeviceEnded(node, _process.StderrTail));
    }

    /// <summary>After the end of output: waits for ffmpeg to exit and throws if it failed.</summary>
    /// <exception cref="IOException">ffmpeg exited with an error; the message has its last output.</exception>
    public async Task EnsureSucceededAsync(CancellationToken cancellationToken)
    {
        var exitCode = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new IOException(MediaMessages.FfmpegFailed(_process.Description, exitCode, _process.StderrTail));
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
