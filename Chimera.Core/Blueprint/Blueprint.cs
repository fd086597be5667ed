using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chimera;

/// <summary>
/// A validated, immutable, JSON-serializable plan of a graph on a set of workers: the nodes with their types and
/// configuration, the edges with their policies, and one partition per worker with each edge marked local or remote.
/// Workers build their stages from it.
/// </summary>
public sealed partial record Blueprint
{
    /// <summary>The worker a graph runs on when no mapping is given.</summary>
    public const string DefaultWorker = "local";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The blueprint's identifier; also the run id in log folders and handshakes.</summary>
    public required string Id { get; init; }

    /// <summary>The graph's name.</summary>
    public required string Name { get; init; }

    /// <summary>When the blueprint was compiled.</summary>
    public required DateTimeOffset CompiledAt { get; init; }

    /// <summary>The nodes, upstream before downstream.</summary>
    public required IReadOnlyList<BlueprintNode> Nodes { get; init; }

    /// <summary>The edges, in the order they were added.</summary>
    public required IReadOnlyList<BlueprintEdge> Edges { get; init; }

    /// <summary>One partition per worker, in mapping order.</summary>
    public required IReadOnlyList<WorkerPartition> Partitions { get; init; }

    /// <summary>Returns the node with the given name.</summary>
    /// <exception cref="KeyNotFoundException">The blueprint has no such node.</exception>
    public BlueprintNode GetNode(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new KeyNotFoundException($"Blueprint '{Id}' has no node named '{name}'.");

    /// <summary>Returns the edge with the given id (<c>from -> to</c>).</summary>
    /// <exception cref="KeyNotFoundException">The blueprint has no such edge.</exception>
    public BlueprintEdge GetEdge(string id) =>
        Edges.FirstOrDefault(e => e.Id == id)
        ?? throw new KeyNotFoundException($"Blueprint '{Id}' has no edge '{id}'.");

    /// <summary>Returns the partition of the given worker.</summary>
    /// <exception cref="KeyNotFoundException">The blueprint maps nothing onto that worker.</exception>
    public WorkerPartition GetPartition(string worker) =>
        Partitions.FirstOrDefault(p => p.Worker == worker)
        ?? throw new KeyNotFoundException($"Blueprint '{Id}' maps no nodes onto worker '{worker}'.");

    /// <summary>Serializes the blueprint to indented JSON (enums as names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Reads a blueprint written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a blueprint.</exception>
    public static Blueprint FromJson(string json) =>
        JsonSerializer.Deserialize<Blueprint>(json, s_json)
        ?? throw new JsonException("The JSON text is 'null', not a blueprint.");
}
