using System.Diagnostics;

namespace Chimera.Tests.Processes;

/// <summary>
/// Publishes the <c>chimera</c> executable once per test run into a temporary folder, so process tests run exactly what
/// users run: a published app that holds none of the tests' assemblies.
/// </summary>
public static class PublishedChimera
{
    private static readonly Lazy<string> s_path = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The path of the published <c>chimera</c> apphost.</summary>
    public static string Executable => s_path.Value;

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chimera.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Cannot find Chimera.sln above " + AppContext.BaseDirectory);
        }
    }

    private static string Publish()
    {
        var output = Path.Combine(Path.GetTempPath(), "chimera-tests-published", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var project = Path.Combine(RepositoryRoot, "Chimera.Host", "Chimera.Host.csproj");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Debug", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish of Chimera.Host took more than 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of Chimera.Host failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return Path.Combine(output, "chimera");
    }
}
