using System.Security.Cryptography;
using Chimera.Wire;

namespace Chimera.Remote;

/// <summary>
/// The first messages of a data connection. Receiver → sender: Hello (version, worker, run, edge); sender → receiver:
/// Challenge (nonce); receiver → sender: Proof (HMAC of the nonce and <c>stream|run|edge</c>); sender → receiver:
/// Accept, or Refuse with a reason before closing. The proof is checked before the edge is looked up, so an
/// unauthenticated peer learns nothing about what this worker offers.
/// </summary>
internal static class StreamHandshake
{
    /// <summary>
    /// The sending side: reads the Hello and the proof, then accepts only if the proof is right (or, without a secret,
    /// the peer is on this machine), the version is known and <paramref name="claim"/> gives the edge to this receiver.
    /// </summary>
    /// <param name="connection">The new connection.</param>
    /// <param name="authenticator">Checks proofs; <see langword="null"/> when no cluster secret is configured.</param>
    /// <param name="peerIsLoopback">Whether the peer is on this machine.</param>
    /// <param name="claim">Looks the edge up and reserves it for this receiver; returns a refusal reason or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels (e.g. on the handshake timeout).</param>
    /// <exception cref="WireFormatException">The peer does not speak the protocol.</exception>
    public static async Task<HandshakeOutcome> AcceptAsync(
        FrameConnection connection,
        IStreamAuthenticator? authenticator,
        bool peerIsLoopback,
        Func<HandshakeMessage, string?> claim,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(claim);
        var hello = await connection.ReadHandshakeAsync(cancellationToken).ConfigureAwait(false);
        Expect(hello, HandshakeKind.Hello);
        var nonce = authenticator?.NewNonce() ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await connection.WriteHandshakeAsync(new HandshakeMessage(HandshakeKind.Challenge, Text: nonce), cancellationToken).ConfigureAwait(false);
        var proof = await connection.ReadHandshakeAsync(cancellationToken).ConfigureAwait(false);
        Expect(proof, HandshakeKind.Proof);

        string? refusal = null;
        if (hello.Version != (byte)StreamProtocolVersion.V1)
        {
            refusal = RemoteMessages.RefuseVersion(hello.Version, (int)StreamProtocolVersion.V1);
        }
        else if (authenticator is null)
        {
            refusal = peerIsLoopback ? null : RemoteMessages.RefuseNotLoopback(connection.Peer);
        }
        else if (!authenticator.Verify(nonce, HandshakeMessage.ProofContext(hello.RunId, hello.EdgeId), proof.Text))
        {
            refusal = RemoteMessages.RefuseWrongSecret;
        }

        refusal ??= claim(hello);
        var answer = refusal is null ? new HandshakeMessage(HandshakeKind.Accept) : new HandshakeMessage(HandshakeKind.Refuse, Text: refusal);
        await connection.WriteHandshakeAsync(answer, cancellationToken).ConfigureAwait(false);
        return new HandshakeOutcome(hello, refusal);
    }

    /// <summary>The receiving side: names the edge, proves the secret, and returns once the sender accepted.</summary>
    /// <exception cref="RemoteEdgeException">The sender refused (the message carries its reason) or broke the handshake.</exception>
    public static async Task ConnectAsync(
        FrameConnection connection,
        IStreamAuthenticator? authenticator,
        string worker,
        string runId,
        string edgeId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.WriteHandshakeAsync(HandshakeMessage.Hello(worker, runId, edgeId), cancellationToken).ConfigureAwait(false);
        var challenge = await connection.ReadHandshakeAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfRefused(challenge, connection.Peer, worker, runId, edgeId);
        Expect(challenge, HandshakeKind.Challenge);
        var proof = authenticator?.Prove(challenge.Text, HandshakeMessage.ProofContext(runId, edgeId)) ?? string.Empty;
        await connection.WriteHandshakeAsync(new HandshakeMessage(HandshakeKind.Proof, Text: proof), cancellationToken).ConfigureAwait(false);
        var answer = await connection.ReadHandshakeAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfRefused(answer, connection.Peer, worker, runId, edgeId);
        Expect(answer, HandshakeKind.Accept);
    }

    /// <summary>Turns a Refuse message into the receiver's error.</summary>
    private static void ThrowIfRefused(HandshakeMessage message, string peer, string worker, string runId, string edgeId)
    {
        if (message.Kind == HandshakeKind.Refuse)
        {
            throw new RemoteEdgeException(RemoteMessages.Refused(edgeId, runId, peer, worker, message.Text), edgeId, peer);
        }
    }

    /// <summary>Fails when the partner sent another message than the protocol's next one.</summary>
    private static void Expect(HandshakeMessage message, HandshakeKind kind)
    {
        if (message.Kind != kind)
        {
            throw new WireFormatException(RemoteMessages.ExpectedHandshakeMessage(kind.ToString(), message.Kind.ToString()));
        }
    }
}
