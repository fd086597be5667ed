namespace Chimera.Remote;

/// <summary>What the sending side decided about a receiver's handshake.</summary>
/// <param name="Hello">The receiver's Hello (worker, run, edge).</param>
/// <param name="Refusal">The reason it was refused (already sent to the receiver), or <see langword="null"/> when accepted.</param>
internal sealed record HandshakeOutcome(HandshakeMessage Hello, string? Refusal)
{
    /// <summary>Whether the edge now belongs to this receiver.</summary>
    public bool Accepted => Refusal is null;
}
