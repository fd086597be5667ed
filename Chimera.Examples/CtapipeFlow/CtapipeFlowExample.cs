namespace Chimera.Examples.CtapipeFlow;

/// <summary>
/// ctapipe flow's example in Chimera: producer → shunt, which routes by type to two named next steps (<c>square</c>,
/// two parallel instances, and <c>upper</c>) → a consumer writing every result to a file. The same flow is built in
/// code (<see cref="BuildGraph"/>) and read from <c>hocon/pipelines/ctapipe-flow.conf</c> (<see cref="LoadGraph"/>).
/// </summary>
public static class CtapipeFlowExample
{
    /// <summary>The pipeline file, copied next to the example's binaries.</summary>
    public static string PipelineFile => Path.Combine(AppContext.BaseDirectory, "pipelines", "ctapipe-flow.conf");

    /// <summary>Builds the flow in code.</summary>
    /// <param name="count">How many items the producer yields.</param>
    /// <param name="outputPath">The file the consumer writes.</param>
    /// <returns>The graph.</returns>
    public static Graph BuildGraph(int count, string outputPath) =>
        new Graph("ctapipe-flow")
            .AddNode("producer", new Producer { Count = count })
            .AddNode("shunt", new Shunt { NumberStep = "square", TextStep = "upper" })

            // ctapipe's nb_process: two instances of the slow step, each number to the least busy one.
            .AddNode("square", new Square(), new NodeOptions { Parallelism = 2 })
            .AddNode("upper", new Upper())

            // The consumer has two inputs; Each steps on every element of either, so nothing is skipped.
            .AddNode("writer", new LineWriter { Path = outputPath }, new NodeOptions { Trigger = TriggerMode.Each })
            .AddEdges(("producer", "shunt"), ("shunt", "square"), ("shunt", "upper"), ("square", "writer"), ("upper", "writer"));

    /// <summary>Reads the flow from the HOCON pipeline file, then points the producer and the writer at this run's count and file.</summary>
    /// <param name="count">How many items the producer yields.</param>
    /// <param name="outputPath">The file the consumer writes.</param>
    /// <returns>The graph.</returns>
    public static Graph LoadGraph(int count, string outputPath)
    {
        var graph = FlowPipelineFile.Load(PipelineFile);

        // A loaded graph is still open for changes until it is compiled, like one built in code.
        ((Producer)graph.Nodes.Single(n => n.Name == "producer").Node).Count = count;
        ((LineWriter)graph.Nodes.Single(n => n.Name == "writer").Node).Path = outputPath;
        return graph;
    }

    /// <summary>Runs the flow to its end (the producer's last item written) and prints what the consumer wrote.</summary>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="fromHocon">Read the flow from the pipeline file instead of building it in code.</param>
    /// <param name="count">How many items the producer yields.</param>
    /// <param name="outputPath">The file to write; defaults to <c>flow-output.txt</c> in the temp folder.</param>
    /// <param name="cancellationToken">Stops the example.</param>
    /// <returns>The run's counters.</returns>
    public static async Task<RunReport> RunAsync(TextWriter output, bool fromHocon = false, int count = 20, string? outputPath = null, CancellationToken cancellationToken = default)
    {
        outputPath ??= Path.Combine(Path.GetTempPath(), "chimera-examples", fromHocon ? "ctapipe-flow-hocon.txt" : "ctapipe-flow.txt");
        var graph = fromHocon ? LoadGraph(count, outputPath) : BuildGraph(count, outputPath);

        // ctapipe flow runs on one machine: no mapping puts every node on one embedded worker.
        await using var manager = new Manager();
        await manager.CommitGraphAsync(graph, mapping: null, cancellationToken).ConfigureAwait(false);
        await manager.StartAsync(cancellationToken).ConfigureAwait(false);

        // The producer ends its stream; the drain carries everything to the writer before teardown closes the file.
        var report = await manager.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        var lines = await File.ReadAllLinesAsync(outputPath, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"writer wrote {lines.Length} lines to {outputPath}:").ConfigureAwait(false);
        foreach (var line in lines.Take(6))
        {
            await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"shunt routed {report.Edge("shunt", "square").Sent} numbers to square (2 instances) and {report.Edge("shunt", "upper").Sent} messages to upper.").ConfigureAwait(false);
        await output.WriteLineAsync(report.ToTable()).ConfigureAwait(false);
        return report;
    }
}
