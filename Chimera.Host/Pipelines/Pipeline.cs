using System.Reflection;
using Chimera.Configuration;
using Chimera.Pipelines.Internal;

namespace Chimera.Pipelines;

/// <summary>
/// A declarative pipeline loaded from a HOCON file (ctapipe flow's JSON config, in HOCON): the graph it describes, the
/// worker mapping it asks for, and the user assemblies its node types come from. Everything is checked while loading,
/// so a pipeline that loads can be committed.
/// </summary>
/// <example>
/// <code>
/// var pipeline = Pipeline.Load("hocon/pipelines/numbers.conf");
/// await using var manager = new Manager(new ManagerOptions { LogDirectory = "logs" });
/// await manager.CommitGraphAsync(pipeline.Graph, pipeline.Mapping);
/// </code>
/// </example>
public sealed class Pipeline
{
    /// <summary>Creates a loaded pipeline; only the loader builds these, after every check passed.</summary>
    /// <param name="file">The pipeline file.</param>
    /// <param name="graph">The validated graph.</param>
    /// <param name="mapping">The worker mapping, or <see langword="null"/>.</param>
    /// <param name="assemblies">The user assemblies loaded for the node types.</param>
    internal Pipeline(string file, Graph graph, IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping, IReadOnlyList<Assembly> assemblies)
    {
        File = file;
        Graph = graph;
        Mapping = mapping;
        Assemblies = assemblies;
    }

    /// <summary>The pipeline file it was loaded from.</summary>
    public string File { get; }

    /// <summary>The pipeline's name (<c>pipeline.name</c>, else the file name without extension).</summary>
    public string Name => Graph.Name;

    /// <summary>The graph: nodes in the file's order, edges in the array's order, already validated.</summary>
    public Graph Graph { get; }

    /// <summary>
    /// Worker name → node names from <c>pipeline.workers</c>; <see langword="null"/> when the file has none, which runs
    /// every node on one worker.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Mapping { get; }

    /// <summary>
    /// The assemblies named in <c>pipeline.assemblies</c>, loaded. They stay loaded for the life of the process, so a
    /// cluster can ship them to workers that lack them.
    /// </summary>
    public IReadOnlyList<Assembly> Assemblies { get; }

    /// <summary>Loads, checks and builds a pipeline file. Relative assembly paths resolve against the file's folder.</summary>
    /// <param name="path">The pipeline file.</param>
    /// <param name="options">HOCON options, e.g. an environment lookup for tests; defaults read the process environment.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="PipelineException">The file is invalid; every problem is listed with its file and line.</exception>
    public static Pipeline Load(string path, HoconConfigOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException(PipelineMessages.FileNotFound(path), path);
        }

        HoconConfig config;
        try
        {
            config = HoconConfig.ParseFile(path, options);
        }
        catch (HoconException e)
        {
            throw PipelineException.FromHocon(e, path);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new PipelineReader(config, path, directory).Read();
    }

    /// <summary>Builds a pipeline from HOCON text, for tests and tools that generate pipelines.</summary>
    /// <param name="text">The HOCON text with a <c>pipeline</c> section.</param>
    /// <param name="fileName">The name used in errors; its folder (or the current one) anchors relative assembly paths.</param>
    /// <param name="options">HOCON options.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="PipelineException">The text is invalid; every problem is listed with its line.</exception>
    public static Pipeline Parse(string text, string fileName = "pipeline.conf", HoconConfigOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        HoconConfig config;
        try
        {
            config = HoconConfig.ParseString(text, fileName, options);
        }
        catch (HoconException e)
        {
            throw PipelineException.FromHocon(e, fileName);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(fileName))!;
        return new PipelineReader(config, fileName, directory).Read();
    }
}
