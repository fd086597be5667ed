using Chimera.Tests.Pipelines;

namespace Chimera.Tests.CommandLine;

[Collection(ChimeraCliCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CliTests(ChimeraCli cli) : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("chimera-cli-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Theory]
    [InlineData("", "config")]
    [InlineData("config", "resolve")]
    [InlineData("config resolve", "--defaults")]
    [InlineData("config get", "--as")]
    [InlineData("graph", "plot")]
    [InlineData("graph plot", "--format")]
    [InlineData("run", "--duration")]
    public void Help_WorksOnEveryCommand(string command, string mentions)
    {
        var (exit, output, _) = cli.Invoke([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(mentions, output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigResolve_PrintsJson_WithSecretsRedacted_AndEnvironmentFallbacks()
    {
        var file = Write("app.conf", """
            chimera.manager { port = 7400, secret = "hunter2", secret-env = CHIMERA_SECRET }
            home = ${?HOME}
            """);

        var (exit, output, error) = cli.Invoke("config", "resolve", file);

        Assert.True(exit == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var manager = json.RootElement.GetProperty("chimera").GetProperty("manager");
        Assert.Equal(7400, manager.GetProperty("port").GetInt32());
        Assert.Equal("[redacted]", manager.GetProperty("secret").GetString());
        Assert.Equal("CHIMERA_SECRET", manager.GetProperty("secret-env").GetString());
        Assert.Equal(Environment.GetEnvironmentVariable("HOME"), json.RootElement.GetProperty("home").GetString());
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigResolve_SyntaxError_ExitsNonZero_WithFileAndLine()
    {
        var file = Write("broken.conf", "a {\n  b = [1, 2\n}\n");

        var (exit, output, error) = cli.Invoke("config", "resolve", file);

        Assert.NotEqual(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"chimera config resolve: {file}:3:1: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigGet_AsMilliseconds_ConvertsTheDuration()
    {
        var (exit, output, error) = cli.Invoke("config", "get", "hocon/reference.conf", "chimera.manager.acceptable-heartbeat-pause", "--as", "ms");

        Assert.True(exit == 0, error);
        Assert.Equal("3000", output.Trim());
    }

    [Fact]
    public void ConfigGet_WithDefaults_ReadsReferenceKeysTheFileLacks()
    {
        var (exit, output, error) = cli.Invoke("config", "get", "hocon/worker.conf", "chimera.remote.batch-max-bytes", "--as", "bytes", "--defaults");

        Assert.True(exit == 0, error);
        Assert.Equal("65536", output.Trim());
    }

    [Fact]
    public void ConfigGet_MissingPath_ExitsNonZero_NamingFileAndPath()
    {
        var (exit, _, error) = cli.Invoke("config", "get", "hocon/worker.conf", "chimera.worker.nope");

        Assert.NotEqual(0, exit);
        Assert.Contains("hocon/worker.conf", error, StringComparison.Ordinal);
        Assert.Contains("chimera.worker.nope", error, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphPlot_Mermaid_DrawsNodesAndEdges()
    {
        var (exit, output, error) = cli.Invoke("graph", "plot", "hocon/pipelines/numbers.conf", "--format", "mermaid");

        Assert.True(exit == 0, error);
        Assert.StartsWith("flowchart LR", output, StringComparison.Ordinal);
        Assert.Contains("gen", output, StringComparison.Ordinal);
        Assert.Contains("keep", output, StringComparison.Ordinal);
        Assert.Contains("-->", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphPlot_Svg_RendersWithGraphviz_OrSaysGraphvizIsMissing()
    {
        var dotOnPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "dot")));

        var (exit, output, error) = cli.Invoke("graph", "plot", "hocon/pipelines/numbers.conf", "--format", "svg");

        if (dotOnPath)
        {
            Assert.True(exit == 0, error);
            Assert.Contains("<svg", output, StringComparison.Ordinal);
            Assert.Contains(">gen<", output, StringComparison.Ordinal);
            Assert.Contains(">keep<", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEqual(0, exit);
            Assert.Contains("--format svg needs Graphviz's 'dot' program", error, StringComparison.Ordinal);
            Assert.Contains("--format mermaid", error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, output.Trim());
        }
    }

    [Fact]
    public void Run_NumbersWithRecord_ExitsZero_AndWrites1000Rows()
    {
        var (exit, output, error) = cli.Invoke("run", "hocon/pipelines/numbers.conf", "--record", "--logdir", temp);

        Assert.True(exit == 0, error);
        Assert.Contains("Completed", output, StringComparison.Ordinal);
        Assert.Matches(@"gen -> keep\s+local\s+1000\s+1000\s+0", output);
        var csv = Assert.Single(Directory.GetFiles(temp, "numbers.csv", SearchOption.AllDirectories));
        Assert.EndsWith(Path.Combine("local", "keep", "numbers.csv"), csv, StringComparison.Ordinal);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(1001, lines.Length);
        Assert.Equal("timestamp,default", lines[0]);
        Assert.Equal("999", lines[^1].Split(',')[1]);
    }

    [Fact]
    public void Run_WithoutRecord_SaysRecordersArePreviewing_AndWritesNothing()
    {
        var (exit, output, error) = cli.Invoke("run", "hocon/pipelines/numbers.conf", "--logdir", temp);

        Assert.True(exit == 0, error);
        Assert.Contains("recorders are previewing", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(temp, "*.csv", SearchOption.AllDirectories));
    }

    [Fact]
    public void Run_Duration_DrainsAnEndlessPipeline()
    {
        var file = Write("endless.conf", """
            pipeline {
              nodes { gen { type = Counter, params { rate = 200 } }, pass { type = Identity } }
              edges = [ { from = gen, to = pass } ]
            }
            """);

        var (exit, output, error) = cli.Invoke("run", file, "--duration", "500ms", "--logdir", temp);

        Assert.True(exit == 0, error);
        var counts = System.Text.RegularExpressions.Regex.Match(output, @"gen -> pass\s+local\s+(\d+)\s+(\d+)\s+0");
        Assert.True(counts.Success, output);
        Assert.Equal(counts.Groups[1].Value, counts.Groups[2].Value);
        Assert.True(long.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Run_Interrupted_DrainsAndPrintsTheReport()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The recorder makes the command print its preview note first: once that line is out, the command is running
        // and its Ctrl-C handling is in place, however slowly the process started.
        var file = Write("endless.conf", """
            pipeline {
              nodes { gen { type = Counter, params { rate = 200 } }, keep { type = TabularRecorder } }
              edges = [ { from = gen, to = keep } ]
            }
            """);
        using var process = cli.Start("run", file, "--logdir", temp);
        var error = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("note: recorders are previewing", first, StringComparison.Ordinal);
        var output = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        using (var kill = System.Diagnostics.Process.Start("kill", ["-s", "INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}{await output}");
        var counts = System.Text.RegularExpressions.Regex.Match(await output, @"gen -> keep\s+local\s+(\d+)\s+(\d+)\s+0");
        Assert.True(counts.Success, await output);
        Assert.Equal(counts.Groups[1].Value, counts.Groups[2].Value);
    }

    [Fact]
    public void Run_PipelineWithError_ExitsNonZero_WithFileLineAndMessage()
    {
        var file = Write("numbers.conf", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "hocon", "pipelines", "numbers.conf"))
            .Replace("count = 1000", "cuont = 1000", StringComparison.Ordinal));

        var logs = Path.Combine(temp, "logs");

        var (exit, output, error) = cli.Invoke("run", file, "--logdir", logs);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("Completed", output, StringComparison.Ordinal);
        Assert.StartsWith($"chimera run: {file}:8:", error, StringComparison.Ordinal);
        Assert.Contains("node 'gen' (Counter) has no parameter 'cuont'; its parameters are: start, count, rate.", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(logs), "Nothing may run, so no run folder may be made.");
    }

    [Fact]
    public void Run_BadDuration_ExitsNonZero()
    {
        var (exit, _, error) = cli.Invoke("run", "hocon/pipelines/numbers.conf", "--duration", "soon");

        Assert.NotEqual(0, exit);
        Assert.StartsWith("chimera run: --duration 'soon' is not a positive duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NodeFailingInSetup_ExitsNonZero_NamingTheNode()
    {
        var file = Write("negative.conf", """
            pipeline {
              nodes { gen { type = Counter, params { count = -1 } }, pass { type = Identity } }
              edges = [ { from = gen, to = pass } ]
            }
            """);

        var (exit, _, error) = cli.Invoke("run", file, "--logdir", temp);

        Assert.NotEqual(0, exit);
        Assert.StartsWith("chimera run: ", error, StringComparison.Ordinal);
        Assert.Contains("gen", error, StringComparison.Ordinal);
        Assert.Contains("count must be 0 or more", error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(temp, name);
        File.WriteAllText(path, text);
        return path;
    }
}
