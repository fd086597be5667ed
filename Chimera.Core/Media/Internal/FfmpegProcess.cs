using System.ComponentModel;
using System.Diagnostics;

namespace Chimera.Media;

/// <summary>
/// One running <c>ffmpeg</c>/<c>ffprobe</c> process with piped stdin/stdout, owned from start to exit: its stderr is
/// drained by an owned task (kept as a short tail for error messages), and <see cref="DisposeAsync"/> kills the process
/// if it still runs and awaits both, so no process or pump outlives its owner.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    /// <summary>How many stderr lines are kept for error messages.</summary>
    private const int TailLines = 20;

    /// <summary>The process.</summary>
    private readonly Process _process;

    /// <summary>The task that drains stderr.</summary>
    private readonly Task _stderrPump;

    /// <summary>The last stderr lines; guarded by itself.</summary>
    private readonly Queue<string> _tail = new();

    /// <summary>Set once disposed.</summary>
    private int _disposed;

    /// <summary>Wraps a started process and begins draining its stderr.</summary>
    private FfmpegProcess(Process process, string description)
    {
        _process = process;
        Description = description;
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>What the process does, for messages ("ffmpeg encoding 'camera.mp4'").</summary>
    public string Description { get; }

    /// <summary>The process's stdin (only when started with <c>redirectInput</c>).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>The process's stdout (only when started with <c>redirectOutput</c>).</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines ffmpeg wrote to stderr, joined, for error messages.</summary>
    public string StderrTail
    {
        get
        {
            lock (_tail)
            {
                return _tail.Count == 0 ? "(no output)" : string.Join(" | ", _tail);
            }
        }
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> (passed as an argument list, never a shell string).</summary>
    /// <exception cref="InvalidOperationException">The program cannot be started; the message says to install the Debian package ffmpeg.</exception>
    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, bool redirectInput, bool redirectOutput, string description)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(info) ?? throw new InvalidOperationException(MediaMessages.FfmpegMissing(executable, description, "no process was created"));
            return new FfmpegProcess(process, description);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(MediaMessages.FfmpegMissing(executable, description, e.Message), e);
        }
    }

    /// <summary>Runs a short command to completion and returns its stdout (for <c>ffmpeg -encoders</c> and <c>ffprobe</c>).</summary>
    /// <exception cref="InvalidOperationException">It cannot start or exits with an error; the message has stderr's tail.</exception>
    public static async Task<string> RunAsync(string executable, IEnumerable<string> arguments, string description, CancellationToken cancellationToken)
    {
        await using var process = Start(executable, arguments, redirectInput: false, redirectOutput: true, description);
        using var reader = new StreamReader(process.Output);
        var output = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process._process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await process._stderrPump.ConfigureAwait(false);
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException(MediaMessages.FfmpegFailed(description, process.ExitCode, process.StderrTail));
    }

    /// <summary>Closes stdin (ffmpeg's end of input), then waits for a clean exit.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; the process is killed by <see cref="DisposeAsync"/>.</exception>
    public async Task<int> CloseInputAndWaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process already closed its end (it exited); its exit code tells what happened.
        }

        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit on its own (after stdout reached its end).</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the process if it still runs, then awaits its exit and the stderr pump.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Reads stderr to its end, keeping the last lines; ends when the process closes stderr (at exit).</summary>
    private async Task PumpStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_tail)
                {
                    _tail.Enqueue(line);
                    if (_tail.Count > TailLines)
                    {
                        _tail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The pipe broke because the process was killed; what was read is kept.
        }
    }
}
