using Chimera.Configuration;
using Chimera.Configuration.Hocon.Reading;

namespace Chimera.Pipelines.Internal;

/// <summary>Reading <c>pipeline.edges</c> and <c>pipeline.workers</c>, and placing graph errors back on a line.</summary>
internal sealed partial class PipelineReader
{
    /// <summary>The keys an edge may have.</summary>
    private static readonly string[] EdgeKeys = ["from", "to", "follow", "capacity", "capacity-bytes", "overflow"];

    /// <summary>What an edge has for the keys it does not set: <c>chimera.edge</c> from the file, over the built-in defaults.</summary>
    private EdgeOptions edgeDefaults = new();

    /// <summary>
    /// Reads <c>chimera.edge</c> when the file has it (directly or through an include), so that section's values are
    /// what every edge has unless it says otherwise, as its comment in reference.conf promises.
    /// </summary>
    /// <returns>The defaults; the built-in ones when the section is absent or wrong (then with an error).</returns>
    private EdgeOptions ReadEdgeDefaults()
    {
        var defaults = new EdgeOptions();
        try
        {
            Settings.SettingsBinder.Bind(config, "chimera.edge", defaults);
            return defaults;
        }
        catch (HoconException e)
        {
            errors.Add(new PipelineError(new HoconOrigin(e.File ?? file, e.Line, e.Column), "chimera.edge", e.Reason));
            return new EdgeOptions();
        }
    }

    /// <summary>Reads every edge in the array's order, checking that both ends are declared nodes.</summary>
    /// <param name="pipeline">The pipeline section.</param>
    /// <param name="nodes">The nodes read so far.</param>
    /// <returns>The edges that read.</returns>
    private List<EdgeEntry> ReadEdges(HoconObject pipeline, List<NodeEntry> nodes)
    {
        var result = new List<EdgeEntry>();
        if (!pipeline.TryGetValue("edges", out var value) || value.Type == HoconValueType.Null)
        {
            return result;
        }

        if (value is not HoconArray edges)
        {
            AddError(value, "edges", PipelineMessages.WrongKind("pipeline.edges", "a list of { from = NODE, to = NODE }", ParameterKinds.Show(value)));
            return result;
        }

        var names = nodes.Select(n => n.Name).ToList();
        for (var i = 0; i < edges.Count; i++)
        {
            if (edges[i] is not HoconObject edge)
            {
                AddError(edges[i], $"edges[{i}]", PipelineMessages.WrongKind($"pipeline.edges[{i}]", "an object such as { from = a, to = b }", ParameterKinds.Show(edges[i])));
                continue;
            }

            CheckKeys(edge, $"edge #{i + 1}", EdgeKeys);
            var from = ReadEnd(edge, i, "from");
            var to = ReadEnd(edge, i, "to");
            if (from is null || to is null)
            {
                continue;
            }

            var id = $"{from} -> {to}";
            edgeOrigins.TryAdd(id, edge.Origin);
            var ok = CheckEnd(edge["from"], id, "starts at", from, names) & CheckEnd(edge["to"], id, "ends at", to, names);
            var options = ReadEdgeOptions(edge, id);
            if (ok && options is not null)
            {
                result.Add(new EdgeEntry(from, to, options));
            }
        }

        return result;
    }

    /// <summary>Reads one end of an edge.</summary>
    /// <param name="edge">The edge object.</param>
    /// <param name="index">Its position in the array.</param>
    /// <param name="key"><c>from</c> or <c>to</c>.</param>
    /// <returns>The node name, or <see langword="null"/> after reporting.</returns>
    private string? ReadEnd(HoconObject edge, int index, string key)
    {
        if (!edge.TryGetValue(key, out var value))
        {
            AddError(edge, key, PipelineMessages.EdgeMissingEnd(index, key));
            return null;
        }

        return ReadString(value, $"pipeline.edges[{index}].{key}");
    }

    /// <summary>Checks that an edge's end is a declared node.</summary>
    /// <param name="at">The end's value, for the line.</param>
    /// <param name="id">The edge's id.</param>
    /// <param name="verb">"starts at" or "ends at".</param>
    /// <param name="node">The node named.</param>
    /// <param name="names">The declared nodes.</param>
    /// <returns>Whether it is declared.</returns>
    private bool CheckEnd(HoconValue at, string id, string verb, string node, List<string> names)
    {
        if (names.Contains(node))
        {
            return true;
        }

        AddError(at, node, PipelineMessages.EdgeMissingNode(id, verb, node, names));
        return false;
    }

    /// <summary>Reads an edge's capacity (in elements and in bytes), overflow and follow flag.</summary>
    /// <param name="edge">The edge object.</param>
    /// <param name="id">The edge's id, for messages.</param>
    /// <returns>The options, or <see langword="null"/> when any is wrong.</returns>
    private EdgeOptions? ReadEdgeOptions(HoconObject edge, string id)
    {
        var options = edgeDefaults.Clone();
        var ok = true;
        var owner = $"edge '{id}'";
        if (edge.TryGetValue("capacity", out var capacity))
        {
            if (TryReadPositive(capacity, owner, "capacity", ValueReader.AsInt, out var size))
            {
                options.Capacity = size;
            }
            else
            {
                ok = false;
            }
        }

        if (edge.TryGetValue("capacity-bytes", out var capacityBytes))
        {
            // A size ("8MiB") or a plain number of bytes, as chimera.remote.buffer-bytes.
            if (TryReadPositive(capacityBytes, owner, "capacity-bytes", ValueReader.AsBytes, out var bytes))
            {
                options.CapacityBytes = bytes;
            }
            else
            {
                ok = false;
            }
        }

        if (edge.TryGetValue("overflow", out var overflow))
        {
            if (TryReadEnum<OverflowPolicy>(overflow, owner, "overflow", out var policy))
            {
                options.Overflow = policy;
            }
            else
            {
                ok = false;
            }
        }

        if (edge.TryGetValue("follow", out var follow))
        {
            if (TryRead(follow, "follow", "follow", ValueReader.AsBoolean, out var followed))
            {
                options.Follow = followed;
            }
            else
            {
                ok = false;
            }
        }

        return ok ? options : null;
    }

    /// <summary>Reads a count that must be at least 1, recording an error at its line when it is not a number or too small.</summary>
    private bool TryReadPositive<T>(HoconValue value, string owner, string key, Func<HoconValue, string, T> read, out T result)
        where T : struct, System.Numerics.INumber<T>
    {
        if (!TryRead(value, key, key, read, out result))
        {
            return false;
        }

        if (result < T.One)
        {
            AddError(value, key, PipelineMessages.OutOfRange(owner, key, result.ToString(null, System.Globalization.CultureInfo.InvariantCulture), "at least 1"));
            return false;
        }

        return true;
    }

    /// <summary>Reads <c>pipeline.workers</c> (worker name → list of node names) and checks it against the nodes.</summary>
    /// <param name="pipeline">The pipeline section.</param>
    /// <param name="nodes">The declared nodes.</param>
    /// <returns>The mapping, or <see langword="null"/> when the file has none.</returns>
    private Dictionary<string, IReadOnlyList<string>>? ReadWorkers(HoconObject pipeline, List<NodeEntry> nodes)
    {
        if (!pipeline.TryGetValue("workers", out var value) || value.Type == HoconValueType.Null || value is HoconObject { Count: 0 })
        {
            return null;
        }

        if (value is not HoconObject workers)
        {
            AddError(value, "workers", PipelineMessages.WrongKind("pipeline.workers", "an object such as { left = [a], right = [b] }", ParameterKinds.Show(value)));
            return null;
        }

        var names = nodes.Select(n => n.Name).ToList();
        var workerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var mapping = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (worker, list) in workers)
        {
            if (list is not HoconArray array)
            {
                AddError(list, worker, PipelineMessages.WrongKind($"pipeline.workers.{worker}", "a list of node names", ParameterKinds.Show(list)));
                continue;
            }

            var mapped = new List<string>();
            foreach (var element in array)
            {
                if (ReadString(element, $"pipeline.workers.{worker}[]") is not { } node)
                {
                    continue;
                }

                if (!names.Contains(node))
                {
                    AddError(element, node, PipelineMessages.MappedUnknownNode(worker, node, names));
                }
                else if (!workerOf.TryAdd(node, worker))
                {
                    AddError(element, node, PipelineMessages.MappedTwice(node, workerOf[node], worker));
                }
                else
                {
                    mapped.Add(node);
                }
            }

            mapping[worker] = mapped;
        }

        foreach (var node in names.Where(n => !workerOf.ContainsKey(n)))
        {
            AddError(workers, node, PipelineMessages.NotMapped(node));
        }

        return mapping;
    }

    /// <summary>
    /// Finds where a graph validation error belongs: the first edge whose id the message contains (cycles are written
    /// <c>a -> b -> a</c>), else the first quoted node name, else the pipeline section.
    /// </summary>
    /// <param name="problem">The validation message.</param>
    /// <param name="fallback">Where to point when nothing matches.</param>
    /// <returns>The origin and the offending name.</returns>
    private (HoconOrigin Origin, string Name) Locate(string problem, HoconOrigin fallback)
    {
        var edge = edgeOrigins
            .Select(e => (e.Key, e.Value, Index: problem.IndexOf(e.Key, StringComparison.Ordinal)))
            .Where(e => e.Index >= 0)
            .OrderBy(e => e.Index)
            .FirstOrDefault();
        if (edge.Key is not null)
        {
            return (edge.Value, edge.Key);
        }

        foreach (var (node, origin) in nodeOrigins.OrderBy(n => problem.IndexOf($"'{n.Key}'", StringComparison.Ordinal) is var i && i < 0 ? int.MaxValue : i))
        {
            if (problem.Contains($"'{node}'", StringComparison.Ordinal))
            {
                return (origin, node);
            }
        }

        return (fallback, "pipeline");
    }
}
