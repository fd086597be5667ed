using System.Diagnostics;
using Chimera.Tests.Pipelines;

namespace Chimera.Tests.CommandLine;

/// <summary>
/// The <c>chimera</c> executable the CLI tests run as a process, shared by every CLI test.
/// </summary>
/// <remarks>
/// By default this is the apphost the build already put in the test output folder: Chimera.Tests references
/// Chimera.Host, so the build copies <c>chimera</c>, <c>chimera.dll</c>, <c>chimera.deps.json</c>,
/// <c>chimera.runtimeconfig.json</c> and every dependency next to the tests — the same files a framework-dependent
/// <c>dotnet publish Chimera.Host -c Debug</c> produces, started the same way, without a publish that would cost
/// 30-60 s on a shared machine. Set <c>CHIMERA_CLI_PUBLISH=1</c> to publish once per test run into a temp folder
/// instead, or <c>CHIMERA_CLI=/path/to/chimera</c> to test a given executable.
/// </remarks>
public sealed class ChimeraCli : IDisposable
{
    private readonly string? publishDirectory;

    public ChimeraCli()
    {
        if (Environment.GetEnvironmentVariable("CHIMERA_CLI") is { Length: > 0 } given)
        {
            Executable = given;
        }
        else if (Environment.GetEnvironmentVariable("CHIMERA_CLI_PUBLISH") == "1")
        {
            publishDirectory = Directory.CreateTempSubdirectory("chimera-cli-").FullName;
            var (exit, output, error) = Run("dotnet", ["publish", Path.Combine(RepositoryRoot.Path, "Chimera.Host"), "-c", "Debug", "-o", publishDirectory], RepositoryRoot.Path, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"dotnet publish failed:\n{output}\n{error}");
            Executable = Path.Combine(publishDirectory, OperatingSystem.IsWindows() ? "chimera.exe" : "chimera");
        }
        else
        {
            Executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "chimera.exe" : "chimera");
        }

        Assert.True(File.Exists(Executable), $"No chimera executable at {Executable}.");
    }

    /// <summary>The executable under test.</summary>
    public string Executable { get; }

    /// <summary>Runs <c>chimera ARGS</c> in the repository root (so <c>hocon/...</c> paths work as in the README).</summary>
    public (int ExitCode, string Output, string Error) Invoke(params string[] args) =>
        Run(Executable, args, RepositoryRoot.Path, TimeSpan.FromSeconds(60));

    /// <summary>Starts <c>chimera ARGS</c> without waiting, for tests that signal the process.</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    public void Dispose()
    {
        if (publishDirectory is not null)
        {
            Directory.Delete(publishDirectory, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not exit within {timeout}.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
