using System.Text.Json;
using Chimera.Configuration;
using Chimera.Nodes;

namespace Chimera.Examples.CtapipeFlow;

/// <summary>
/// Reads the few keys <c>hocon/pipelines/ctapipe-flow.conf</c> uses (node <c>type</c>, <c>params</c>,
/// <c>parallelism</c>, <c>trigger</c>; edges <c>from</c>/<c>to</c>) into a graph.
/// </summary>
/// <remarks>
/// SWITCH: this stands in for <c>Chimera.Pipelines.Pipeline.Load</c>, which reads the same file format with every
/// check and file:line errors and is being merged from the pipelines branch. When it is in the tree, replace the body
/// of <see cref="Load"/> with <c>Pipeline.Load(path).Graph</c> and delete the rest of this class.
/// </remarks>
internal static class FlowPipelineFile
{
    /// <summary>Parameters are kebab-case in HOCON (<c>work-ms</c>) and PascalCase in C# (<c>WorkMs</c>).</summary>
    private static readonly JsonSerializerOptions s_params = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Loads the pipeline file at <paramref name="path"/> into a graph.</summary>
    /// <param name="path">The pipeline file.</param>
    /// <returns>The graph, not yet compiled, so callers may still adjust node parameters.</returns>
    public static Graph Load(string path)
    {
        var config = HoconConfig.ParseFile(path);
        var graph = new Graph(config.TryGetString("pipeline.name", out var name) ? name : System.IO.Path.GetFileNameWithoutExtension(path));
        foreach (var (nodeName, _) in config.GetObject("pipeline.nodes"))
        {
            var prefix = $"pipeline.nodes.{nodeName}";
            var typeName = config.GetString(prefix + ".type");
            var type = (BuiltInNodes.TryGet(typeName, out var builtIn) ? builtIn : Type.GetType(typeName))
                ?? throw new InvalidOperationException($"{path}: node '{nodeName}' has type '{typeName}', which is neither a built-in nor a loadable type.");
            var json = config.TryGetConfig(prefix + ".params", out var parameters) ? parameters.ToJson(indented: false) : "{}";
            var node = (Node)JsonSerializer.Deserialize(json, type, s_params)!;
            var options = new NodeOptions();
            if (config.TryGetInt(prefix + ".parallelism", out var parallelism))
            {
                options.Parallelism = parallelism;
            }

            if (config.TryGetString(prefix + ".trigger", out var trigger))
            {
                options.Trigger = Enum.Parse<TriggerMode>(trigger, ignoreCase: true);
            }

            graph.AddNode(nodeName, node, options);
        }

        foreach (var edge in config.GetList("pipeline.edges").Cast<HoconObject>())
        {
            graph.AddEdge(edge["from"].ToString()!, edge["to"].ToString()!);
        }

        return graph;
    }
}
