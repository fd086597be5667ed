using Chimera.Configuration;
using Chimera.Configuration.Hocon.Reading;

namespace Chimera.Pipelines.Internal;

/// <summary>Reading <c>pipeline.nodes</c>: each node's type, parameters and options.</summary>
internal sealed partial class PipelineReader
{
    /// <summary>The keys a node may have.</summary>
    private static readonly string[] NodeKeys = ["type", "params", "parallelism", "trigger", "supervision", "max-restarts", "restart-backoff"];

    /// <summary>Reads every node in the file's order.</summary>
    /// <param name="pipeline">The pipeline section.</param>
    /// <param name="name">The pipeline's name, for messages.</param>
    /// <param name="types">Resolves type names.</param>
    /// <returns>The nodes, including those that failed (with no instance), so edges to them are not reported as missing.</returns>
    private List<NodeEntry> ReadNodes(HoconObject pipeline, string name, NodeTypeResolver types)
    {
        var result = new List<NodeEntry>();
        if (!pipeline.TryGetValue("nodes", out var value) || value is HoconObject { Count: 0 })
        {
            AddError(value ?? pipeline, "nodes", PipelineMessages.NoNodes(name));
            return result;
        }

        if (value is not HoconObject nodes)
        {
            AddError(value, "nodes", PipelineMessages.WrongKind("pipeline.nodes", "an object of named nodes", ParameterKinds.Show(value)));
            return result;
        }

        foreach (var (nodeName, body) in nodes)
        {
            nodeOrigins[nodeName] = body.Origin;
            result.Add(ReadNode(nodeName, body, types));
        }

        return result;
    }

    /// <summary>Reads one node.</summary>
    /// <param name="name">The node's name.</param>
    /// <param name="body">Its object.</param>
    /// <param name="types">Resolves type names.</param>
    /// <returns>The node entry; its instance is <see langword="null"/> when something was wrong.</returns>
    private NodeEntry ReadNode(string name, HoconValue body, NodeTypeResolver types)
    {
        var options = new NodeOptions();
        if (body is not HoconObject node)
        {
            AddError(body, name, PipelineMessages.WrongKind($"pipeline.nodes.{name}", "an object such as { type = Counter }", ParameterKinds.Show(body)));
            return new NodeEntry(name, null, options);
        }

        CheckKeys(node, $"node '{name}'", NodeKeys);
        ReadNodeOptions(name, node, options);
        if (!node.TryGetValue("type", out var typeValue))
        {
            AddError(node, name, PipelineMessages.MissingType(name));
            return new NodeEntry(name, null, options);
        }

        var typeName = ReadString(typeValue, $"pipeline.nodes.{name}.type");
        if (typeName is null)
        {
            return new NodeEntry(name, null, options);
        }

        var type = types.Resolve(typeName);
        if (type is null)
        {
            var comma = typeName.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !failedAssemblies.Contains(typeName[(comma + 1)..].Split(',')[0].Trim()))
            {
                AddError(typeValue, typeName, PipelineMessages.UnknownType(name, typeName, NodeTypeResolver.BuiltInNames()));
            }

            return new NodeEntry(name, null, options);
        }

        if (!typeof(Node).IsAssignableFrom(type))
        {
            AddError(typeValue, typeName, PipelineMessages.NotANode(name, typeName));
            return new NodeEntry(name, null, options);
        }

        HoconObject? parameters = null;
        if (node.TryGetValue("params", out var paramsValue) && paramsValue.Type != HoconValueType.Null)
        {
            parameters = paramsValue as HoconObject;
            if (parameters is null)
            {
                AddError(paramsValue, "params", PipelineMessages.WrongKind($"pipeline.nodes.{name}.params", "an object of parameters", ParameterKinds.Show(paramsValue)));
                return new NodeEntry(name, null, options);
            }
        }

        var label = typeName.Contains(',', StringComparison.Ordinal) || typeName.Contains('.', StringComparison.Ordinal) ? type.Name : typeName;
        return new NodeEntry(name, NodeParameterBinder.Bind(name, type, label, parameters, typeValue.Origin, errors), options);
    }

    /// <summary>Reads parallelism, trigger, supervision and restart settings into the node's options.</summary>
    /// <param name="name">The node's name.</param>
    /// <param name="node">Its object.</param>
    /// <param name="options">The options to fill.</param>
    private void ReadNodeOptions(string name, HoconObject node, NodeOptions options)
    {
        var owner = $"node '{name}'";
        if (node.TryGetValue("parallelism", out var parallelism) && TryRead(parallelism, "parallelism", "parallelism", ValueReader.AsInt, out var count))
        {
            if (count < 1)
            {
                AddError(parallelism, "parallelism", PipelineMessages.OutOfRange(owner, "parallelism", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "at least 1"));
            }
            else
            {
                options.Parallelism = count;
            }
        }

        if (node.TryGetValue("trigger", out var trigger) && TryReadEnum<TriggerMode>(trigger, owner, "trigger", out var mode))
        {
            options.Trigger = mode;
        }

        if (node.TryGetValue("supervision", out var supervision) && TryReadEnum<SupervisionStrategy>(supervision, owner, "supervision", out var strategy))
        {
            options.Supervision = strategy;
        }

        if (node.TryGetValue("max-restarts", out var restarts) && TryRead(restarts, "max-restarts", "max-restarts", ValueReader.AsInt, out var max))
        {
            if (max < 0)
            {
                AddError(restarts, "max-restarts", PipelineMessages.OutOfRange(owner, "max-restarts", max.ToString(System.Globalization.CultureInfo.InvariantCulture), "0 or more"));
            }
            else
            {
                options.MaxRestarts = max;
            }
        }

        if (node.TryGetValue("restart-backoff", out var backoff)
            && TryRead(backoff, "restart-backoff", "restart-backoff", (v, p) => TimeSpan.FromTicks(ValueReader.AsNanoseconds(v, p) / 100), out var delay))
        {
            if (delay < TimeSpan.Zero)
            {
                AddError(backoff, "restart-backoff", PipelineMessages.OutOfRange(owner, "restart-backoff", delay.ToString(), "zero or more"));
            }
            else
            {
                options.RestartBackoff = delay;
            }
        }
    }
}
