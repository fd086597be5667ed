namespace Chimera;

public sealed partial class Graph
{
    /// <summary>Checks the graph and throws one exception listing every problem.</summary>
    /// <exception cref="GraphValidationException">The graph has duplicate names, unknown or self-referencing edges, cycles, or contradictory options.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new GraphValidationException($"graph '{Name}'", errors);
        }
    }

    /// <summary>Returns every problem with the graph, one sentence each; empty when the graph is valid.</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (_nodes.Count == 0)
        {
            errors.Add("The graph has no nodes.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var duplicate in _nodes.GroupBy(n => n.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Node name '{duplicate.Key}' is used by {duplicate.Count()} nodes; node names must be unique.");
        }

        foreach (var node in _nodes)
        {
            names.Add(node.Name);
            if (string.IsNullOrWhiteSpace(node.Name) || node.Name.Contains("->", StringComparison.Ordinal))
            {
                errors.Add($"Node name '{node.Name}' is not allowed; use letters, digits, '-', '_' or '.'.");
            }
        }

        foreach (var edge in _edges)
        {
            if (!names.Contains(edge.From))
            {
                errors.Add($"Edge '{edge.Id}' starts at '{edge.From}', which is not a node of the graph.");
            }

            if (!names.Contains(edge.To))
            {
                errors.Add($"Edge '{edge.Id}' ends at '{edge.To}', which is not a node of the graph.");
            }

            if (edge.From == edge.To)
            {
                errors.Add($"Edge '{edge.Id}' is a self-loop; a node cannot feed itself.");
            }
        }

        foreach (var duplicate in _edges.GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Edge '{duplicate.Key}' is added {duplicate.Count()} times; add it once.");
        }

        foreach (var node in _nodes)
        {
            var inputs = _edges.Where(e => e.To == node.Name).ToList();
            if (inputs.Count == 0)
            {
                if (node.Options.Trigger is { } trigger)
                {
                    errors.Add($"Node '{node.Name}' is a source (it has no inputs) but was given trigger mode '{trigger}'; only nodes with inputs trigger.");
                }

                if (node.Options.Parallelism > 1)
                {
                    errors.Add($"Node '{node.Name}' is a source (it has no inputs) but was given parallelism {node.Options.Parallelism}; a source runs one instance.");
                }
            }

            var followed = inputs.Where(e => e.Options.Follow).ToList();
            if (followed.Count > 1)
            {
                errors.Add($"Node '{node.Name}' follows {followed.Count} inputs ({string.Join(", ", followed.Select(e => e.From))}); follow at most one.");
            }

            if (followed.Count > 0 && (node.Options.Trigger ?? TriggerMode.Latest) != TriggerMode.Latest)
            {
                errors.Add($"Edge '{followed[0].Id}' is marked follow, but node '{node.Name}' triggers on '{node.Options.Trigger}'; follow only applies to the 'Latest' trigger.");
            }
        }

        foreach (var cycle in FindCycles(names))
        {
            errors.Add($"The graph has a cycle: {string.Join(" -> ", cycle)}; a graph must be acyclic.");
        }

        return errors;
    }

    /// <summary>Returns the node names in an order where every node comes after all its upstream nodes.</summary>
    internal IReadOnlyList<string> TopologicalOrder()
    {
        var indegree = _nodes.ToDictionary(n => n.Name, _ => 0, StringComparer.Ordinal);
        foreach (var edge in _edges)
        {
            indegree[edge.To]++;
        }

        var ready = new Queue<string>(_nodes.Where(n => indegree[n.Name] == 0).Select(n => n.Name));
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var name = ready.Dequeue();
            order.Add(name);
            foreach (var edge in _edges.Where(e => e.From == name))
            {
                if (--indegree[edge.To] == 0)
                {
                    ready.Enqueue(edge.To);
                }
            }
        }

        return order;
    }

    private List<List<string>> FindCycles(HashSet<string> names)
    {
        // Depth-first search with colours; each back edge closes one cycle, reported once.
        var adjacency = names.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in _edges.Where(e => names.Contains(e.From) && names.Contains(e.To) && e.From != e.To))
        {
            adjacency[edge.From].Add(edge.To);
        }

        var state = names.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var stack = new List<string>();
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in adjacency[node])
            {
                if (state[next] == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Append(next).ToList();
                    var key = string.Join(",", cycle.Skip(1).Order(StringComparer.Ordinal));
                    if (seen.Add(key))
                    {
                        cycles.Add(cycle);
                    }
                }
                else if (state[next] == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }

        foreach (var node in _nodes.Select(n => n.Name).Where(names.Contains))
        {
            if (state[node] == 0)
            {
                Visit(node);
            }
        }

        return cycles;
    }
}
