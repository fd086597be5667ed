using System.CommandLine;

namespace Chimera.Host.CommandLine;

/// <summary>The <c>chimera</c> command line: one root command with a sub-command per verb.</summary>
internal static class ChimeraCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Chimera: distributed, real-time streaming of multimodal data. Run pipelines, managers and workers.");
        return root;
    }

    public static Task<int> InvokeAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
