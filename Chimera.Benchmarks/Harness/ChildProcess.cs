using System.Diagnostics;

namespace Chimera.Benchmarks.Harness;

/// <summary>
/// This benchmark program started again as a child process (<c>--child ROLE ...</c>), so a baseline or a cold
/// measurement runs in a process of its own. Disposing kills it if it is still running and waits for it to exit.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>The process.</summary>
    private readonly Process _process;

    /// <summary>Collects standard error, to quote when the child fails.</summary>
    private readonly Task<string> _stderr;

    private ChildProcess(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The CPU time the process has used so far (user and kernel).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts this program as a child with <c>--child</c> and <paramref name="args"/>.</summary>
    public static ChildProcess Start(params string[] args)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the benchmark program is unknown.");

        // Under 'dotnet Chimera.Benchmarks.dll' the process is the dotnet host: pass the program's assembly first.
        string[] prefix = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [typeof(ChildProcess).Assembly.Location, "--child"]
            : ["--child"];
        return StartExecutable(path, [.. prefix, .. args]);
    }

    /// <summary>Starts any program (e.g. <c>chimera worker</c>) with standard output and error captured.</summary>
    public static ChildProcess StartExecutable(string path, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start the child process '{path}'.");
        return new ChildProcess(process);
    }

    /// <summary>Reads the next line the child writes to standard output; throws when it exits without writing one.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"The child process exited with code {_process.ExitCode} before answering: {(await _stderr.ConfigureAwait(false)).Trim()}");
        }

        return line;
    }

    /// <summary>Waits for the child to exit and throws when its exit code is not 0.</summary>
    public async Task WaitForSuccessAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The child process failed with code {_process.ExitCode}: {(await _stderr.ConfigureAwait(false)).Trim()}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
            await _stderr.ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
