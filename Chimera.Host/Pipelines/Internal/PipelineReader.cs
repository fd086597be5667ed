using System.Reflection;
using Chimera.Configuration;
using Chimera.Configuration.Hocon.Reading;

namespace Chimera.Pipelines.Internal;

/// <summary>
/// Reads the <c>pipeline</c> section of a parsed file into a <see cref="Pipeline"/>. It keeps going after a problem so
/// that one run reports every problem, and remembers where each node and edge was written so that errors found later
/// by <see cref="Graph.Validate"/> still point at a line.
/// </summary>
internal sealed partial class PipelineReader
{
    /// <summary>The keys a <c>pipeline</c> section may have.</summary>
    private static readonly string[] PipelineKeys = ["name", "assemblies", "nodes", "edges", "workers"];

    /// <summary>The parsed file.</summary>
    private readonly HoconConfig config;

    /// <summary>The file's name as given, for messages.</summary>
    private readonly string file;

    /// <summary>The folder relative assembly paths resolve against.</summary>
    private readonly string directory;

    /// <summary>Every problem found so far.</summary>
    private readonly List<PipelineError> errors = [];

    /// <summary>Where each node was declared, by name.</summary>
    private readonly Dictionary<string, HoconOrigin> nodeOrigins = new(StringComparer.Ordinal);

    /// <summary>
    /// The file names (without extension) of assemblies that failed to load; types qualified with them are not also
    /// reported as unknown, since the assembly error already says what to fix.
    /// </summary>
    private readonly HashSet<string> failedAssemblies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where each edge was declared, by id (<c>from -> to</c>).</summary>
    private readonly Dictionary<string, HoconOrigin> edgeOrigins = new(StringComparer.Ordinal);

    /// <summary>Creates a reader over a parsed file.</summary>
    /// <param name="config">The parsed file.</param>
    /// <param name="file">The file's name, for messages.</param>
    /// <param name="directory">The folder relative assembly paths resolve against.</param>
    public PipelineReader(HoconConfig config, string file, string directory)
    {
        this.config = config;
        this.file = file;
        this.directory = directory;
    }

    /// <summary>Reads, checks and builds the pipeline.</summary>
    /// <returns>The pipeline.</returns>
    /// <exception cref="PipelineException">Anything is wrong; every problem is listed.</exception>
    public Pipeline Read()
    {
        if (!config.Root.TryGetValue("pipeline", out var section) || section is not HoconObject pipeline)
        {
            var origin = section?.Origin ?? new HoconOrigin(file, 1, 1);
            throw new PipelineException([new PipelineError(origin, "pipeline", PipelineMessages.NoPipelineSection())]);
        }

        CheckKeys(pipeline, "pipeline", PipelineKeys);
        var name = pipeline.TryGetValue("name", out var nameValue)
            ? ReadString(nameValue, "pipeline.name") ?? DefaultName()
            : DefaultName();
        var assemblies = ReadAssemblies(pipeline);
        var nodes = ReadNodes(pipeline, name, new NodeTypeResolver(assemblies));
        edgeDefaults = ReadEdgeDefaults();
        var edges = ReadEdges(pipeline, nodes);
        var mapping = ReadWorkers(pipeline, nodes);
        ThrowIfErrors();

        var graph = new Graph(name);
        foreach (var node in nodes)
        {
            graph.AddNode(node.Name, node.Node!, node.Options);
        }

        foreach (var edge in edges)
        {
            graph.AddEdge(edge.From, edge.To, edge.Options);
        }

        foreach (var problem in graph.GetValidationErrors())
        {
            var (origin, offender) = Locate(problem, pipeline.Origin);
            errors.Add(new PipelineError(origin, offender, problem));
        }

        ThrowIfErrors();
        return new Pipeline(file, graph, mapping, assemblies);
    }

    /// <summary>The pipeline's name when the file gives none: the file name without extension.</summary>
    /// <returns>The name.</returns>
    private string DefaultName() => Path.GetFileNameWithoutExtension(file) is { Length: > 0 } n ? n : "pipeline";

    /// <summary>Loads <c>pipeline.assemblies</c>, resolving relative paths against the file's folder.</summary>
    /// <param name="pipeline">The pipeline section.</param>
    /// <returns>The assemblies that loaded.</returns>
    private List<Assembly> ReadAssemblies(HoconObject pipeline)
    {
        var result = new List<Assembly>();
        if (!pipeline.TryGetValue("assemblies", out var value) || value.Type == HoconValueType.Null)
        {
            return result;
        }

        if (value is not HoconArray array)
        {
            AddError(value, "assemblies", PipelineMessages.WrongKind("pipeline.assemblies", "a list of paths", ParameterKinds.Show(value)));
            return result;
        }

        foreach (var element in array)
        {
            var path = ReadString(element, "pipeline.assemblies[]");
            if (path is null)
            {
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(directory, path));
            if (!File.Exists(full))
            {
                AddError(element, path, PipelineMessages.AssemblyNotFound(path, full));
                failedAssemblies.Add(Path.GetFileNameWithoutExtension(full));
                continue;
            }

            try
            {
                result.Add(PipelineLoadContext.Shared.LoadUserAssembly(full));
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or IOException)
            {
                AddError(element, path, PipelineMessages.AssemblyNotLoaded(path, ex.Message));
                failedAssemblies.Add(Path.GetFileNameWithoutExtension(full));
            }
        }

        return result;
    }

    /// <summary>Reports keys an object should not have, which are almost always typos.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="where">What the object is, for the message.</param>
    /// <param name="allowed">The keys it may have.</param>
    private void CheckKeys(HoconObject obj, string where, IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, value) in obj)
        {
            if (!allowed.Contains(key))
            {
                AddError(value, key, PipelineMessages.UnknownKey(where, key, allowed));
            }
        }
    }

    /// <summary>Reads a string, reporting anything else.</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path, for the message.</param>
    /// <returns>The string, or <see langword="null"/> after reporting.</returns>
    private string? ReadString(HoconValue value, string path)
    {
        if (value is HoconScalar { Type: not HoconValueType.Null } scalar)
        {
            return scalar.Text;
        }

        AddError(value, path, PipelineMessages.WrongKind(path, "a string", ParameterKinds.Show(value)));
        return null;
    }

    /// <summary>Reads a value with one of HOCON's typed readers, reporting a wrong type at the value's line.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="path">Its path.</param>
    /// <param name="name">The offending name to report.</param>
    /// <param name="read">The reader.</param>
    /// <param name="result">The result when it reads.</param>
    /// <returns>Whether it read.</returns>
    private bool TryRead<T>(HoconValue value, string path, string name, Func<HoconValue, string, T> read, out T result)
    {
        try
        {
            result = read(value, path);
            return true;
        }
        catch (HoconException e)
        {
            AddError(value, name, e.Reason);
            result = default!;
            return false;
        }
    }

    /// <summary>Reads an enum option spelled in kebab-case, reporting the allowed values when it does not match.</summary>
    /// <typeparam name="T">The enum.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="owner">What has the option, e.g. <c>node 'gen'</c>.</param>
    /// <param name="key">The option's key.</param>
    /// <param name="result">The member when it matched.</param>
    /// <returns>Whether it matched.</returns>
    private bool TryReadEnum<T>(HoconValue value, string owner, string key, out T result)
        where T : struct, Enum
    {
        result = default;
        if (!TryRead(value, key, key, ValueReader.AsString, out var text))
        {
            return false;
        }

        if (KebabEnum.TryParse(text, out result))
        {
            return true;
        }

        AddError(value, text, PipelineMessages.BadEnum(owner, key, text, KebabEnum.Names(typeof(T))));
        return false;
    }

    /// <summary>Records a problem at a value's origin.</summary>
    /// <param name="at">The value at fault.</param>
    /// <param name="name">The offending name.</param>
    /// <param name="message">The message.</param>
    private void AddError(HoconValue at, string name, string message) => errors.Add(new PipelineError(at.Origin, name, message));

    /// <summary>Throws every problem found so far, in file order.</summary>
    private void ThrowIfErrors()
    {
        if (errors.Count > 0)
        {
            throw new PipelineException([.. errors.OrderBy(e => e.Origin.Line).ThenBy(e => e.Origin.Column)]);
        }
    }
}
