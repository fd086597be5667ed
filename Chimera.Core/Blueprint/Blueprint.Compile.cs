using System.Security.Cryptography;

namespace Chimera;

public sealed partial record Blueprint
{
    /// <summary>
    /// Validates <paramref name="graph"/> and <paramref name="mapping"/> and compiles them into a blueprint. The graph is
    /// frozen afterwards.
    /// </summary>
    /// <param name="graph">The graph to compile.</param>
    /// <param name="mapping">Worker name → the names of the nodes it runs. <see langword="null"/> or empty puts every node on <see cref="DefaultWorker"/>.</param>
    /// <exception cref="GraphValidationException">The graph or the mapping is invalid; the message lists every problem.</exception>
    public static Blueprint Compile(Graph graph, IReadOnlyDictionary<string, IReadOnlyList<string>>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.Validate();

        if (mapping is null || mapping.Count == 0)
        {
            mapping = new Dictionary<string, IReadOnlyList<string>>
            {
                [DefaultWorker] = [.. graph.Nodes.Select(n => n.Name)],
            };
        }

        var workerOf = ValidateMapping(graph, mapping);

        var errors = new List<string>();
        var nodes = new List<BlueprintNode>();
        var order = graph.TopologicalOrder();
        foreach (var name in order)
        {
            var graphNode = graph.Nodes.First(n => n.Name == name);
            var inputs = graph.UpstreamOf(name);
            string configuration;
            try
            {
                configuration = NodeConfiguration.Serialize(graphNode.Node);
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
            {
                errors.Add(ex.Message);
                continue;
            }

            var trigger = inputs.Count == 0 ? (TriggerMode?)null : graphNode.Options.Trigger ?? TriggerMode.Latest;
            string? followed = null;
            if (trigger == TriggerMode.Latest)
            {
                followed = graph.Edges.FirstOrDefault(e => e.To == name && e.Options.Follow)?.From ?? inputs[0];
            }

            nodes.Add(new BlueprintNode(
                name,
                graphNode.Node.GetType().FullName!,
                graphNode.Node.GetType().Assembly.GetName().Name!,
                configuration,
                workerOf[name],
                trigger,
                followed,
                graphNode.Options.Parallelism,
                graphNode.Options.Supervision,
                graphNode.Options.MaxRestarts,
                graphNode.Options.RestartBackoff,
                inputs,
                graph.DownstreamOf(name)));
        }

        if (errors.Count > 0)
        {
            throw new GraphValidationException($"graph '{graph.Name}'", errors);
        }

        var edges = graph.Edges.Select(e => new BlueprintEdge(
            e.Id,
            e.From,
            e.To,
            e.Options.Overflow == OverflowPolicy.Latest ? 1 : e.Options.Capacity,
            e.Options.Overflow,
            e.Options.Follow,
            workerOf[e.From],
            workerOf[e.To],
            workerOf[e.From] != workerOf[e.To],
            e.Options.CapacityBytes)).ToList();

        var partitions = mapping.Select(pair => new WorkerPartition(
            pair.Key,
            [.. order.Where(n => workerOf[n] == pair.Key)],
            [.. edges.Where(e => !e.IsRemote && e.FromWorker == pair.Key).Select(e => e.Id)],
            [.. edges.Where(e => e.IsRemote && e.ToWorker == pair.Key).Select(e => e.Id)],
            [.. edges.Where(e => e.IsRemote && e.FromWorker == pair.Key).Select(e => e.Id)])).ToList();

        graph.Freeze();
        var now = DateTimeOffset.UtcNow;
        return new Blueprint
        {
            Id = $"{now:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}",
            Name = graph.Name,
            CompiledAt = now,
            Nodes = nodes,
            Edges = edges,
            Partitions = partitions,
        };
    }

    private static Dictionary<string, string> ValidateMapping(Graph graph, IReadOnlyDictionary<string, IReadOnlyList<string>> mapping)
    {
        var errors = new List<string>();
        var known = graph.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var workerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (worker, nodeNames) in mapping)
        {
            if (string.IsNullOrWhiteSpace(worker))
            {
                errors.Add("A worker in the mapping has an empty name.");
                continue;
            }

            if (nodeNames is null || nodeNames.Count == 0)
            {
                errors.Add($"Worker '{worker}' is mapped no nodes; remove it from the mapping or give it nodes.");
                continue;
            }

            foreach (var node in nodeNames)
            {
                if (!known.Contains(node))
                {
                    errors.Add($"Worker '{worker}' is mapped node '{node}', which is not in graph '{graph.Name}'.");
                }
                else if (workerOf.TryGetValue(node, out var other))
                {
                    errors.Add($"Node '{node}' is mapped to worker '{other}' and to worker '{worker}'; map each node once.");
                }
                else
                {
                    workerOf[node] = worker;
                }
            }
        }

        foreach (var node in graph.Nodes.Where(n => !workerOf.ContainsKey(n.Name)))
        {
            errors.Add($"Node '{node.Name}' is not mapped to any worker.");
        }

        if (errors.Count > 0)
        {
            throw new GraphValidationException("worker mapping", errors);
        }

        return workerOf;
    }
}
