using System.CommandLine;

namespace Chimera.Host.CommandLine;

/// <summary>The <c>chimera</c> command line: one root command with a sub-command per verb.</summary>
internal static class ChimeraCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Chimera: distributed, real-time streaming of multimodal data. Run pipelines, managers and workers.");
        root.Subcommands.Add(ManagerCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        return root;
    }

    public static Task<int> InvokeAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
