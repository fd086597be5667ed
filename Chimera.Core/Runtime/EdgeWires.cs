namespace Chimera.Runtime;

/// <summary>Joins what the two ends of a remote edge saw of its connection into one <see cref="EdgeWireReport"/>.</summary>
internal static class EdgeWires
{
    /// <summary>
    /// The sending end's bytes sent, writes and round trip with the receiving end's bytes received and reads (each end
    /// reports zeros for what only the other one measures); <see langword="null"/> when neither end reported.
    /// </summary>
    public static EdgeWireReport? Join(EdgeWireReport? sending, EdgeWireReport? receiving) =>
        sending is null && receiving is null
            ? null
            : new EdgeWireReport(
                sending?.BytesSent ?? 0,
                receiving?.BytesReceived ?? 0,
                sending?.Writes ?? 0,
                receiving?.Reads ?? 0,
                sending?.RoundTripMs ?? receiving?.RoundTripMs);
}
