using System.CommandLine;

namespace Chimera.Host.CommandLine;

/// <summary>The <c>chimera</c> command line: one root command with a sub-command per verb.</summary>
internal static class ChimeraCommandLine
{
    /// <summary>
    /// How long a command may take to wind down after Ctrl-C or SIGTERM cancelled its token, e.g. <c>run</c> draining
    /// its pipeline and closing its recordings, before the process exits anyway.
    /// </summary>
    internal static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds the root command with every verb.</summary>
    /// <returns>The root command.</returns>
    public static RootCommand Build()
    {
        var root = new RootCommand("Chimera: distributed, real-time streaming of multimodal data. Run pipelines, managers and workers.");
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(GraphCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ManagerCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(CollectCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> InvokeAsync(string[] args) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ShutdownTimeout });
}
