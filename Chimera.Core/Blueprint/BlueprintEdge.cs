namespace Chimera;

/// <summary>An edge in a compiled <see cref="Blueprint"/>, with its policies and whether it crosses workers.</summary>
/// <param name="Id">The edge's name, <c>from -> to</c>.</param>
/// <param name="From">The upstream node.</param>
/// <param name="To">The downstream node.</param>
/// <param name="Capacity">The buffer capacity.</param>
/// <param name="Overflow">What happens when the buffer is full.</param>
/// <param name="Follow">Whether the downstream node follows this edge.</param>
/// <param name="FromWorker">The worker running <paramref name="From"/>.</param>
/// <param name="ToWorker">The worker running <paramref name="To"/>.</param>
/// <param name="IsRemote">Whether the edge joins two workers (a stream reference) rather than two nodes of one worker (a channel).</param>
/// <param name="CapacityBytes">The bound on the bytes of element values buffered (see <see cref="EdgeOptions.CapacityBytes"/>).</param>
public sealed record BlueprintEdge(
    string Id,
    string From,
    string To,
    int Capacity,
    OverflowPolicy Overflow,
    bool Follow,
    string FromWorker,
    string ToWorker,
    bool IsRemote,
    long CapacityBytes = EdgeOptions.DefaultCapacityBytes);
