using System.CommandLine;
using System.Diagnostics;

namespace Chimera.Host.CommandLine;

/// <summary><c>chimera graph plot PIPELINE</c>: draw a pipeline's graph as Graphviz dot, Mermaid, or SVG through Graphviz.</summary>
internal static class GraphCommand
{
    /// <summary>Builds the <c>graph</c> command with its sub-commands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var graph = new Command("graph", "Inspect pipeline graphs.");
        graph.Subcommands.Add(CreatePlot());
        return graph;
    }

    /// <summary>Builds <c>graph plot</c>.</summary>
    /// <returns>The command.</returns>
    private static Command CreatePlot()
    {
        var file = new Argument<string>("pipeline") { Description = "The pipeline file (HOCON)." };
        var format = new Option<string>("--format") { Description = "dot (Graphviz), mermaid (Markdown), or svg (needs Graphviz's dot program).", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "mermaid", "svg");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var plot = new Command("plot", "Draw a pipeline's graph.");
        plot.Arguments.Add(file);
        plot.Options.Add(format);
        plot.Options.Add(output);
        plot.SetAction(async (parseResult, cancellationToken) =>
        {
            var pipeline = PipelineFiles.Load(parseResult, "graph plot", parseResult.GetValue(file)!, out var exit);
            if (pipeline is null)
            {
                return exit;
            }

            string text;
            switch (parseResult.GetValue(format))
            {
                case "mermaid":
                    text = pipeline.Graph.ToMermaid();
                    break;
                case "svg":
                    var svg = await RenderSvgAsync(pipeline.Graph.ToDot(), cancellationToken).ConfigureAwait(false);
                    if (svg.Error is not null)
                    {
                        return CommandOutput.Fail(parseResult, "graph plot", svg.Error);
                    }

                    text = svg.Svg!;
                    break;
                default:
                    text = pipeline.Graph.ToDot();
                    break;
            }

            if (parseResult.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await CommandOutput.Out(parseResult).WriteAsync(text).ConfigureAwait(false);
            }

            return 0;
        });
        return plot;
    }

    /// <summary>Pipes dot text through Graphviz's <c>dot -Tsvg</c>.</summary>
    /// <param name="dot">The dot text.</param>
    /// <param name="cancellationToken">Stops waiting for Graphviz.</param>
    /// <returns>The SVG, or why there is none.</returns>
    private static async Task<(string? Svg, string? Error)> RenderSvgAsync(string dot, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dot", "-Tsvg")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }

        if (process is null)
        {
            return (null, "--format svg needs Graphviz's 'dot' program, which is not installed or not on PATH; install Graphviz (apt-get install graphviz) or use --format dot or --format mermaid.");
        }

        using (process)
        {
            try
            {
                // Both outputs are read while the input is written, so a graph whose SVG fills the pipe cannot stall dot.
                var svg = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.StandardInput.WriteAsync(dot.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return process.ExitCode == 0
                    ? (await svg.ConfigureAwait(false), null)
                    : (null, $"Graphviz's dot failed with exit code {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
            }
            catch (OperationCanceledException)
            {
                // A cancelled plot must not leave dot running behind the command.
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }
}
