using System.Text;

namespace Chimera;

public sealed partial class Graph
{
    /// <summary>Renders the graph as Graphviz DOT, with edge options as labels, for <c>dot -Tsvg</c>.</summary>
    public string ToDot()
    {
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(Name)).AppendLine(" {");
        sb.AppendLine("  rankdir=LR;");
        foreach (var node in _nodes)
        {
            var shape = UpstreamOf(node.Name).Count == 0 ? "invhouse" : DownstreamOf(node.Name).Count == 0 ? "house" : "box";
            sb.Append("  ").Append(Quote(node.Name))
              .Append(" [shape=").Append(shape)
              .Append(", label=").Append(Quote($"{node.Name}\\n{node.Node.GetType().Name}{ParallelSuffix(node)}"))
              .AppendLine("];");
        }

        foreach (var edge in _edges)
        {
            sb.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To));
            var label = EdgeLabel(edge);
            if (label.Length > 0)
            {
                sb.Append(" [label=").Append(Quote(label)).Append(']');
            }

            sb.AppendLine(";");
        }

        sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary>Renders the graph as a Mermaid flowchart, for Markdown documents.</summary>
    public string ToMermaid()
    {
        var sb = new StringBuilder();
        sb.AppendLine("flowchart LR");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            var id = "n" + ids.Count;
            ids.TryAdd(node.Name, id);
            sb.Append("  ").Append(id).Append("[\"").Append(EscapeMermaid(node.Name)).Append("<br/>")
              .Append(EscapeMermaid(node.Node.GetType().Name + ParallelSuffix(node))).AppendLine("\"]");
        }

        foreach (var edge in _edges)
        {
            var from = ids.GetValueOrDefault(edge.From, EscapeMermaid(edge.From));
            var to = ids.GetValueOrDefault(edge.To, EscapeMermaid(edge.To));
            var label = EdgeLabel(edge);
            sb.Append("  ").Append(from).Append(label.Length > 0 ? $" -->|\"{EscapeMermaid(label)}\"| " : " --> ").AppendLine(to);
        }

        return sb.ToString();
    }

    private static string ParallelSuffix(GraphNode node) =>
        node.Options.Parallelism > 1 ? $" x{node.Options.Parallelism}" : string.Empty;

    private static string EdgeLabel(GraphEdge edge)
    {
        var parts = new List<string>();
        if (edge.Options.Follow)
        {
            parts.Add("follow");
        }

        if (edge.Options.Overflow != OverflowPolicy.Backpressure)
        {
            parts.Add(edge.Options.Overflow.ToString());
        }

        if (edge.Options.Capacity != EdgeOptions.DefaultCapacity)
        {
            parts.Add("cap " + edge.Options.Capacity);
        }

        if (edge.Options.CapacityBytes != EdgeOptions.DefaultCapacityBytes)
        {
            parts.Add("cap " + edge.Options.CapacityBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B");
        }

        return string.Join(", ", parts);
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\\\\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string EscapeMermaid(string s) => s.Replace("\"", "#quot;", StringComparison.Ordinal);
}
