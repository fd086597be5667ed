namespace Chimera;

/// <summary>An edge of a <see cref="Graph"/>: data flows from <paramref name="From"/> to <paramref name="To"/>.</summary>
/// <param name="From">The upstream node's name.</param>
/// <param name="To">The downstream node's name.</param>
/// <param name="Options">The edge's buffer, overflow policy and follow flag.</param>
public sealed record GraphEdge(string From, string To, EdgeOptions Options)
{
    /// <summary>The edge's name as used in errors, logs and metrics: <c>from -> to</c>.</summary>
    public string Id => $"{From} -> {To}";
}
